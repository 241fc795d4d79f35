/** The page at /reports/weekly: its code lives in the reports feature (features/reports/pages/weekly.tsx). */
export { default } from '../../../features/reports/pages/weekly';
