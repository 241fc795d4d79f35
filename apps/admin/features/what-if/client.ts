/**
 * What-if's public surface for browser code and for other features' components: only modules
 * that are safe in the browser (no store, no server imports).
 */
export { TotalsTable } from './components/totals-table';
export { kindLabel, metricLabel, showDelta } from './format';
export { METRICS } from './metrics';
export type { Totals, TotalsTriple } from './metrics';
