/**
 * Imports: the wizard that onboards a company from its spreadsheets (upload, mapping with saved
 * mappings, preview with per-cell errors, dry run to go-live, import through the runtime).
 *
 * The feature's public surface: another feature imports from this file only (docs/admin.md "Layout").
 */
export { importStep } from './http';
export { checkMapping, listMappings, saveMapping } from './mappings';
export type { SavedMapping } from './mappings';
