/** The page at /clients/[id]: its code lives in the clients feature (features/clients/pages/detail.tsx). */
export { default } from '../../../features/clients/pages/detail';
