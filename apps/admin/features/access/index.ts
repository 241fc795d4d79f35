/**
 * Access: requests for a client's contacts, their approval, and the access log.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { searchAccessLog } from './log';
export { accessOverview, activeGrant, approveAccess, pendingRequestOf, rejectAccess, requestAccess, revokeAccess } from './requests';
export type { AccessRequestView } from './requests';
