/** The page at /people/[staffId]: its code lives in the people feature (features/people/pages/detail.tsx). */
export { default } from '../../../features/people/pages/detail';
