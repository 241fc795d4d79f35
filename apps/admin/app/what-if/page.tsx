/** The page at /what-if: its code lives in the what-if feature (features/what-if/pages/workbench.tsx). */
export { default } from '../../features/what-if/pages/workbench';
