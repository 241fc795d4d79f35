/** The page at /me: its code lives in the me feature (features/me/pages/me.tsx). */
export { default } from '../../features/me/pages/me';
