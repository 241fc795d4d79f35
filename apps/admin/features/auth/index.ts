/**
 * Auth: accounts, passwords, sessions, sign-in throttling and the session cookie.
 *
 * The feature's public surface: another feature imports from this file only, never from the
 * files behind it (eslint's no-restricted-imports enforces it; see docs/admin.md "Layout").
 */
export { SESSION_COOKIE, createSession, readSession } from './sessions';
export type { SessionUser } from './sessions';
export { createUser, listUsers, resetPassword, updateUser, USERNAME_PATTERN } from './users';
export { throttledAccounts, unlockAccount } from './throttle';
export { passwordMessage, passwordProblem } from './password-rule';
export { passwordChangeResponse } from './password-http';
export { isHttps } from './session-cookie';
