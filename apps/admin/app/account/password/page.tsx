/** The page at /account/password: its code lives in the auth feature (features/auth/pages/password.tsx). */
export { default } from '../../../features/auth/pages/password';
