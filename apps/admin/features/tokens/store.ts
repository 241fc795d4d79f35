/**
 * API tokens: their scopes, created with a secret shown once and kept only as a hash, listed,
 * verified and revoked.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto';
import type { AdminDb } from '../shared/database';

/** The scope sets a token may have: read-only, or read and write. */
export const TOKEN_SCOPES = ['read', 'read write'] as const;
export type TokenScopes = (typeof TOKEN_SCOPES)[number];

/** One scope a route handler asks for. */
export type TokenScope = 'read' | 'write';

/** The prefix every token starts with, so a leaked one is easy to recognise (and to scan for). */
export const TOKEN_PREFIX = 'allot_';

/** `allot_<id>.<secret>`: a 16-hex-digit id and 32 random bytes in base64url (43 characters). */
const TOKEN_PATTERN = /^allot_([0-9a-f]{16})\.([A-Za-z0-9_-]{43})$/;

/** A token as the admin pages and `/api/tokens` show it: never the secret, never its hash. */
export interface TokenView {
  id: string;
  name: string;
  scopes: TokenScopes;
  createdBy: string;
  createdAt: string;
  lastUsedAt: string | null;
  revokedAt: string | null;
}

/** Is this string one of the scope sets? */
export function isTokenScopes(value: unknown): value is TokenScopes {
  return typeof value === 'string' && (TOKEN_SCOPES as readonly string[]).includes(value);
}

/** Does a token with `scopes` grant `scope`? */
export function grants(scopes: string, scope: TokenScope): boolean {
  return scopes.split(' ').includes(scope);
}

/** The sha256 (hex) of a token's secret: all the database keeps of it. */
export function hashSecret(secret: string): string {
  return createHash('sha256').update(secret, 'utf8').digest('hex');
}

const toView = (r: { id: string; name: string; scopes: string; created_by: string; created_at: Date; last_used_at: Date | null; revoked_at: Date | null }): TokenView => ({
  id: r.id,
  name: r.name,
  scopes: isTokenScopes(r.scopes) ? r.scopes : 'read',
  createdBy: r.created_by,
  createdAt: r.created_at.toISOString(),
  lastUsedAt: r.last_used_at?.toISOString() ?? null,
  revokedAt: r.revoked_at?.toISOString() ?? null,
});

/** Every token, newest first. */
export async function listTokens(db: AdminDb): Promise<TokenView[]> {
  const rows = await db.selectFrom('api_tokens').select(['id', 'name', 'scopes', 'created_by', 'created_at', 'last_used_at', 'revoked_at']).orderBy('created_at', 'desc').orderBy('id').execute();
  return rows.map(toView);
}

/**
 * Creates a token and returns it with its secret: the only time the secret exists outside the
 * caller's hands (the database keeps its sha256, so a stolen table reveals no usable token).
 */
export async function createToken(db: AdminDb, input: { name: string; scopes: TokenScopes; createdBy: string }, now: Date): Promise<{ token: TokenView; secret: string }> {
  const id = randomBytes(8).toString('hex');
  const secret = randomBytes(32).toString('base64url');
  const row = { id, name: input.name, secret_hash: hashSecret(secret), scopes: input.scopes, created_by: input.createdBy, created_at: now, revoked_at: null, last_used_at: null };
  await db.insertInto('api_tokens').values(row).execute();
  return { token: toView(row), secret: `${TOKEN_PREFIX}${id}.${secret}` };
}

/** Revokes a token at `now` (it is refused from the next request on); false when there is no such token. A second revocation keeps the first time. */
export async function revokeToken(db: AdminDb, id: string, now: Date): Promise<TokenView | undefined> {
  await db.updateTable('api_tokens').set({ revoked_at: now }).where('id', '=', id).where('revoked_at', 'is', null).execute();
  const row = await db.selectFrom('api_tokens').select(['id', 'name', 'scopes', 'created_by', 'created_at', 'last_used_at', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  return row === undefined ? undefined : toView(row);
}

/** A token that checked out: its id and scopes. */
export interface TokenPrincipal {
  id: string;
  name: string;
  scopes: TokenScopes;
  /** How the access log and `updated_by` columns name it: `token:<id>`. */
  actor: string;
}

/**
 * Checks a presented token: the format, a live (unrevoked) row with that id, and the secret's
 * sha256 compared in constant time. Marks the token used. Undefined for anything else, without
 * saying which part failed (an attacker learns nothing from the answer).
 */
export async function verifyToken(db: AdminDb, presented: string, now: Date): Promise<TokenPrincipal | undefined> {
  const m = TOKEN_PATTERN.exec(presented);
  // Hash even a malformed token, so a bad format costs about what a bad secret does.
  const hash = Buffer.from(hashSecret(m?.[2] ?? presented), 'hex');
  if (m === null) return undefined;
  const id = m[1] ?? '';
  const row = await db.selectFrom('api_tokens').select(['id', 'name', 'scopes', 'secret_hash', 'revoked_at']).where('id', '=', id).executeTakeFirst();
  const stored = Buffer.from(row?.secret_hash ?? '', 'hex');
  const same = stored.length === hash.length && timingSafeEqual(stored, hash);
  if (row === undefined || !same || row.revoked_at !== null || !isTokenScopes(row.scopes)) return undefined;
  await db.updateTable('api_tokens').set({ last_used_at: now }).where('id', '=', id).execute();
  return { id: row.id, name: row.name, scopes: row.scopes, actor: `token:${row.id}` };
}
