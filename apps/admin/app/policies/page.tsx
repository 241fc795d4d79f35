/** The page at /policies: its code lives in the policies feature (features/policies/pages/list.tsx). */
export { default } from '../../features/policies/pages/list';
