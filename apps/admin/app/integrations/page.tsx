/** The page at /integrations: its code lives in the integrations feature (features/integrations/pages/overview.tsx). */
export { default } from '../../features/integrations/pages/overview';
