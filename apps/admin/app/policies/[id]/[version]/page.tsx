/** The page at /policies/[id]/[version]: its code lives in the policies feature (features/policies/pages/version.tsx). */
export { default } from '../../../../features/policies/pages/version';
