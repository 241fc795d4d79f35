/** The page at /access-requests: its code lives in the access feature (features/access/pages/requests.tsx). */
export { default } from '../../features/access/pages/requests';
