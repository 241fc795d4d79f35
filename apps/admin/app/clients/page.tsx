/** The page at /clients: its code lives in the clients feature (features/clients/pages/list.tsx). */
export { default } from '../../features/clients/pages/list';
