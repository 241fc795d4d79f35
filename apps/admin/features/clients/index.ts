/**
 * Clients: the client list and detail, and the one gate (pii.ts) through which contacts leave the server.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { demoContact, PHONE_PATTERN, upsertContacts } from './contacts';
export { clientKnown } from './pii';
export { CLIENT_ID_PATTERN } from './read';
