/** The page at /people: its code lives in the people feature (features/people/pages/list.tsx). */
export { default } from '../../features/people/pages/list';
