/** The page at /appeals: its code lives in the appeals feature (features/appeals/pages/inbox.tsx). */
export { default } from '../../features/appeals/pages/inbox';
