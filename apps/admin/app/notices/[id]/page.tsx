/** The page at /notices/<decisionId>: its code lives in the me feature (features/me/pages/notice.tsx). */
export { default } from '../../../features/me/pages/notice';
