/** The page at /policies/[id]/[version]/edit: its code lives in the policies feature (features/policies/pages/edit.tsx). */
export { default } from '../../../../../features/policies/pages/edit';
