/** The page at /audit: its code lives in the audit feature (features/audit/pages/explorer.tsx). */
export { default } from '../../features/audit/pages/explorer';
