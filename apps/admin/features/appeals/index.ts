/**
 * Appeals: a rep acknowledges or appeals a sanction of her own; a manager decides appeals and
 * dismisses sanctions, with a reason.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { appealHistory, pendingAppeals } from './appeals';
export type { AnswerEvent, AppealHistory } from './appeals';
export { AppealHistoryCard } from './components/history-card';
