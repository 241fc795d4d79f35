/** The page at /tokens: its code lives in the tokens feature (features/tokens/pages/list.tsx). */
export { default } from '../../features/tokens/pages/list';
