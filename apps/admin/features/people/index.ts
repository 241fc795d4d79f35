/**
 * People: the roster, one person's status and timeline, the ring, and the week and period helpers.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { namesOf, readRoster } from './roster';
export { DEFAULT_ZONE, parseBound, readPolicyTimeline, runtimeNow, weekByKey, weekOf } from './time';
export type { WeekRange } from './time';
