/** The page at /audit/decisions/[id]: its code lives in the audit feature (features/audit/pages/decision.tsx). */
export { default } from '../../../../features/audit/pages/decision';
