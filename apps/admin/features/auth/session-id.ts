/** Session ids: 32 random bytes for the cookie; the database keeps only their sha256. */
import { createHash, randomBytes } from 'node:crypto';

/** A new session id: 32 random bytes, base64url (what the cookie carries). */
export function newSessionId(): string {
  return randomBytes(32).toString('base64url');
}

/** What the database stores for a session id: its sha256 (a stolen table reveals no live cookie). */
export function hashSessionId(id: string): string {
  return createHash('sha256').update(id, 'utf8').digest('hex');
}
