/**
 * API v1: the token-authenticated HTTP API for integrations and its OpenAPI document.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 * `shared/http.ts` feeds the admin's own `POST /api/events` with the same limits and refusals.
 */
export { EVENTS_BODY_LIMIT, MAX_REJECTED_SHOWN, refusalAnswer } from './events';
