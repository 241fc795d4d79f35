/** The page at /policies/[id]/diff: its code lives in the policies feature (features/policies/pages/diff.tsx). */
export { default } from '../../../../features/policies/pages/diff';
