import { logAccess } from '@allot/store';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import type { SessionUser } from '../auth';
import { readContacts } from './contacts';

/**
 * The one gate for clients' personal data (seed A1). No other module of the app may call
 * `readContacts` for output (a static test checks it): everything that shows a name or a phone
 * asks this module, which masks what the user may not see and logs every unmasked view.
 */

/** The access-log action of one unmasked view of a client's contact. */
export const CONTACT_VIEW = 'contact.view';

/** Why a user may see a client's contact unmasked. */
export type Basis = { kind: 'owner' } | { kind: 'grant'; requestId: number; expiresAt: string };

/** A client's contact as it may leave the server: masked, or unmasked with the basis for it. */
export interface ContactView {
  clientId: string;
  name: string;
  phone: string;
  masked: boolean;
  /** Null when masked. */
  basis: Basis | null;
}

/**
 * A phone number with all but its first 3 and last 2 digits hidden (`138******78`); numbers
 * shorter than 9 characters are hidden entirely. Stricter than the common 3+4 so that the
 * visible digits never narrow a number down to a handful of people.
 */
export function maskPhone(phone: string): string {
  const chars = [...phone];
  if (chars.length < 9) return '*'.repeat(Math.max(chars.length, 1));
  return `${chars.slice(0, 3).join('')}${'*'.repeat(chars.length - 5)}${chars.slice(-2).join('')}`;
}

/** A name as its first character and one `*` (`王*`), whatever its length, so the length is hidden too. */
export function maskName(name: string): string {
  const first = [...name.trim()][0];
  return first === undefined ? '*' : `${first}*`;
}

/**
 * For each of these clients the user may see unmasked, why: a rep owns the client (the current
 * `owner_id` of the store's `client_state` is their staff id), or the user holds an approved
 * access request for it that has not expired at `at`. Everyone else sees masked data.
 */
export async function accessBasis(db: AdminDb, user: SessionUser, clientIds: readonly string[], at: Date): Promise<Map<string, Basis>> {
  const out = new Map<string, Basis>();
  const ids = [...new Set(clientIds)];
  for (let i = 0; i < ids.length; i += 1000) {
    const chunk = ids.slice(i, i + 1000);
    if (user.role === 'rep' && user.staffId !== null) {
      const owned = await db.selectFrom('client_state').select('client_id').where('client_id', 'in', chunk).where('owner_id', '=', user.staffId).execute();
      for (const r of owned) out.set(r.client_id, { kind: 'owner' });
    }
    const grants = await db
      .selectFrom('access_requests')
      .select(['id', 'client_id', 'expires_at'])
      .where('username', '=', user.username)
      .where('client_id', 'in', chunk)
      .where('status', '=', 'approved')
      .where('expires_at', '>', at)
      .orderBy('expires_at', 'desc')
      .execute();
    for (const g of grants) {
      if (out.has(g.client_id) || g.expires_at === null) continue;
      out.set(g.client_id, { kind: 'grant', requestId: g.id, expiresAt: g.expires_at.toISOString() });
    }
  }
  return out;
}

/** Masks a stored contact. */
function masked(c: { clientId: string; name: string; phone: string }): ContactView {
  return { clientId: c.clientId, name: maskName(c.name), phone: maskPhone(c.phone), masked: true, basis: null };
}

/**
 * The contacts of these clients as `user` may see them at `at`: unmasked for the clients they
 * own (rep) or hold an unexpired approved request for, masked otherwise. Every unmasked contact
 * is written to the access log (`action`, default `contact.view`) before this returns, in the
 * same request that shows it; if the log cannot be written, nothing is returned. Clients with
 * no stored contact are absent from the map.
 */
export async function contactsFor(db: AdminDb, user: SessionUser, clientIds: readonly string[], at: Date, action: string = CONTACT_VIEW): Promise<Map<string, ContactView>> {
  const stored = await readContacts(db, clientIds);
  const basis = await accessBasis(db, user, [...stored.keys()], at);
  const out = new Map<string, ContactView>();
  const logged: string[] = [];
  for (const [clientId, c] of stored) {
    const b = basis.get(clientId);
    if (b === undefined) {
      out.set(clientId, masked(c));
    } else {
      out.set(clientId, { ...c, masked: false, basis: b });
      logged.push(clientId);
    }
  }
  await logAccess(
    storeDb(db),
    logged.map((clientId) => ({ actor: user.username, clientId, action })),
    at,
  );
  return out;
}

/**
 * Does the app know this client: a row in the store's projection, or stored personal data (only
 * its id is read)? Here because this module is the only one that touches the contacts table.
 */
export async function clientKnown(db: AdminDb, clientId: string): Promise<boolean> {
  const state = await db.selectFrom('client_state').select('client_id').where('client_id', '=', clientId).executeTakeFirst();
  if (state !== undefined) return true;
  return (await db.selectFrom('client_contacts').select('client_id').where('client_id', '=', clientId).executeTakeFirst()) !== undefined;
}

/** The contacts of these clients, masked for everyone (lists show no personal data; nothing to log). */
export async function maskedContacts(db: AdminDb, clientIds: readonly string[]): Promise<Map<string, ContactView>> {
  const stored = await readContacts(db, clientIds);
  const out = new Map<string, ContactView>();
  for (const [clientId, c] of stored) out.set(clientId, masked(c));
  return out;
}
