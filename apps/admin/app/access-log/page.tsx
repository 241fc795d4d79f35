/** The page at /access-log: its code lives in the access feature (features/access/pages/log.tsx). */
export { default } from '../../features/access/pages/log';
