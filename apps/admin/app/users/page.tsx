/** The page at /users: its code lives in the users feature (features/users/pages/list.tsx). */
export { default } from '../../features/users/pages/list';
