/** The page at /imports: its code lives in the imports feature (features/imports/pages/imports.tsx). */
export { default } from '../../features/imports/pages/imports';
