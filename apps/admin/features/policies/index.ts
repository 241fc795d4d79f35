/**
 * Policies: versions, drafts, the approval workflow, the editor, diff and impact.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { recordAudit } from './audit';
export { inForce, listPolicies, readVersion } from './read';
export type { VersionStanding, VersionView } from './read';
export { validateDraft } from './validate-draft';
export { inboxCounts } from './inbox';
