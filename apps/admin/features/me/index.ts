/**
 * 我的状态: a staff member's own status, sanctions, fines and deadlines, and the penalty notice.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { SANCTION_KINDS } from './status';

/**
 * Where a person acknowledges or appeals a decision about them: the appeals feature's page
 * (`features/appeals`), linked from each sanction on 我的状态 and from the penalty notice.
 */
export function appealLink(decisionId: string): string {
  return `/appeals/new?decision=${encodeURIComponent(decisionId)}`;
}
