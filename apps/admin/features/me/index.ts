/**
 * 我的状态: a staff member's own status, sanctions, fines and deadlines, and the penalty notice.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { SANCTION_KINDS } from './status';

/**
 * Where a person appeals a decision about them: the appeals feature's page, once it exists.
 * Until then null, and the status page and the notice show no appeal link.
 */
export function appealLink(decisionId: string): string | null {
  void decisionId;
  return null;
}
