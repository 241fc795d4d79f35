/** The page at /appeals/new?decision=<id>: its code lives in the appeals feature (features/appeals/pages/new.tsx). */
export { default } from '../../../features/appeals/pages/new';
