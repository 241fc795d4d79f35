/**
 * Tokens: API tokens (create, list, revoke, verify).
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { createToken, grants, verifyToken } from './store';
export type { TokenPrincipal, TokenScope } from './store';
