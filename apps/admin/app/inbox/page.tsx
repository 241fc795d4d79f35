/** The page at /inbox: its code lives in the policies feature (features/policies/pages/inbox.tsx). */
export { default } from '../../features/policies/pages/inbox';
