/**
 * What-if: replays the stored history under a candidate policy and compares it with what happened.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { DAY_MS, DEFAULT_DAYS, storedEvents } from './history';
export { approvalImpact, approvalImpactOrPending } from './approval-impact';
export type { ApprovalImpact, KindRow, RuleRow } from './approval-impact';
export { WHAT_IF_JOB, whatIfJob, whatIfJobView } from './job';
export type { WhatIfJobResult, WhatIfJobView } from './job';
export type { WhatIfParams } from './types';
