/** The page at /sign-in: its code lives in the auth feature (features/auth/pages/sign-in.tsx). */
export { default } from '../../features/auth/pages/sign-in';
