/** The page at /decisions: its code lives in the audit feature (features/audit/pages/decision-log.tsx). */
export { default } from '../../features/audit/pages/decision-log';
