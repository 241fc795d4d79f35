/**
 * The clients' reads: the list (a rep's own, else all) and one client's page, with the contact
 * through the PII gate.
 */
import type { Runtime } from '@allot/runtime';
import type { AdminDb } from '../shared/database';
import type { SessionUser } from '../auth';
import { activeGrant, pendingRequestOf } from '../access';
import type { AccessRequestView } from '../access';
import { clientKnown, contactsFor, maskedContacts } from './pii';
import type { ContactView } from './pii';

/** A client id as the app accepts it in paths and filters. */
export const CLIENT_ID_PATTERN = /^[A-Za-z0-9_.:-]{1,64}$/;

/** One client as lists and pages show it: the store's projection, and the contact as the user may see it. */
export interface ClientRow {
  clientId: string;
  tier: string | null;
  ownerId: string | null;
  registeredAt: string | null;
  closedAt: string | null;
  /** D1: contact and report due after a direct allocation. */
  followUpDue: string | null;
  /** R2: to be converted by then. */
  developmentDue: string | null;
  /** R3: inactivity is counted from here. */
  lastActivityAt: string | null;
  /** Null when no personal data is stored for the client. */
  contact: ContactView | null;
}

/** Filters of the client list. */
export interface ClientListQuery {
  /** Part of a client id. */
  q?: string;
  tier?: string;
  /** Owner staff id (ignored for a rep: they see their own clients only). */
  owner?: string;
  /** Cursor: client ids after this one. */
  after?: string;
  limit?: number;
}

/** One page of clients, in client id order; pass `next` as `after` for the following page. */
export interface ClientPage {
  items: ClientRow[];
  next: string | null;
  /** Clients matching the filters, over all pages. */
  total: number;
}

const iso = (d: Date | null): string | null => (d === null ? null : d.toISOString());

/** `%` and `_` are wildcards in LIKE: a search for an id matches them literally. */
const likeEscape = (text: string): string => text.replace(/[\\%_]/g, (c) => `\\${c}`);

/**
 * The clients `user` may list: a rep only their own (owner = their staff id), everyone else all.
 * Personal data in a list is always masked, for everyone: it names no one and logs nothing; the
 * one client's page shows it unmasked to whoever may see it.
 */
export async function listClients(db: AdminDb, user: SessionUser, query: ClientListQuery): Promise<ClientPage> {
  const limit = Math.min(Math.max(1, Math.floor(query.limit ?? 50)), 500);
  let base = db.selectFrom('client_state');
  if (user.role === 'rep') base = base.where('owner_id', '=', user.staffId ?? '\u0000');
  else if (query.owner !== undefined && query.owner !== '') base = base.where('owner_id', '=', query.owner);
  if (query.q !== undefined && query.q !== '') base = base.where('client_id', 'ilike', `%${likeEscape(query.q)}%`);
  if (query.tier !== undefined && query.tier !== '') base = base.where('tier', '=', query.tier);
  const counted = await base.select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  let rowsQuery = base.selectAll();
  if (query.after !== undefined && query.after !== '') rowsQuery = rowsQuery.where('client_id', '>', query.after);
  const rows = await rowsQuery.orderBy('client_id').limit(limit).execute();
  const contacts = await maskedContacts(
    db,
    rows.map((r) => r.client_id),
  );
  const items = rows.map((r) => ({
    clientId: r.client_id,
    tier: r.tier,
    ownerId: r.owner_id,
    registeredAt: iso(r.registered_at),
    closedAt: iso(r.closed_at),
    followUpDue: iso(r.follow_up_due),
    developmentDue: iso(r.development_due),
    lastActivityAt: iso(r.last_activity_at),
    contact: contacts.get(r.client_id) ?? null,
  }));
  const last = items[items.length - 1];
  return { items, next: items.length === limit && last !== undefined ? last.clientId : null, total: Number(counted.n) };
}

/** A recorded decision about a client, as the client page lists it (ids only, no personal data). */
export interface ClientDecision {
  id: string;
  at: string;
  kind: string;
  rule: string;
  staffId: string | null;
  policyVersion: string;
  explain: { zh: string; en: string };
}

/** Everything the page of one client shows. */
export interface ClientDetail {
  /** The client; its contact masked or not as `pii.ts` decided for this user. */
  client: ClientRow;
  /** Its recorded decisions, in the order they were made (the first {@link DECISIONS_SHOWN}). */
  decisions: ClientDecision[];
  /** More decisions than listed exist. */
  moreDecisions: boolean;
  /** The user's own pending request for this client, if any. */
  pendingRequest: AccessRequestView | null;
  /** The user's approved, unexpired request for this client, if any. */
  grant: AccessRequestView | null;
  /**
   * What the user may see: `full` (not a rep, or the rep who owns the client), or `contact` (a
   * rep holding a grant for another's client: the contact only; no tier, owner, dates or
   * decisions, so no deal size either).
   */
  scope: 'full' | 'contact';
}

/** Refused: a rep asked for a client that is neither theirs nor granted to them. */
export const FORBIDDEN = 'forbidden' as const;

/** Decisions listed on a client's page at most. */
export const DECISIONS_SHOWN = 200;

/**
 * One client for `user` at `at`, or null when the app knows no such client, or
 * {@link FORBIDDEN} for a rep and a client that is not theirs (without a grant). The contact is
 * masked or not by the rules of `pii.ts` (which logs an unmasked view); the decisions are read
 * through the runtime, which logs that read too.
 */
export async function readClient(ctx: { db: AdminDb; runtime: Runtime }, user: SessionUser, clientId: string, at: Date): Promise<ClientDetail | typeof FORBIDDEN | null> {
  const { db, runtime } = ctx;
  if (!CLIENT_ID_PATTERN.test(clientId)) return null;
  if (!(await clientKnown(db, clientId))) return null;
  const state = await db.selectFrom('client_state').selectAll().where('client_id', '=', clientId).executeTakeFirst();
  // Least privilege: a rep reads their own clients' pages only; another's client only its contact, and only under a grant.
  if (user.role === 'rep' && (user.staffId === null || state?.owner_id !== user.staffId)) {
    const grant = await activeGrant(db, user.username, clientId, at);
    if (grant === null) return FORBIDDEN;
    const contacts = await contactsFor(db, user, [clientId], at);
    const none = { tier: null, ownerId: null, registeredAt: null, closedAt: null, followUpDue: null, developmentDue: null, lastActivityAt: null };
    return { client: { clientId, ...none, contact: contacts.get(clientId) ?? null }, decisions: [], moreDecisions: false, pendingRequest: null, grant, scope: 'contact' };
  }
  const page = await runtime.decisions({ clientId, limit: DECISIONS_SHOWN + 1 }, { actor: user.username });
  const decisions = page.items.slice(0, DECISIONS_SHOWN).map(({ decision: d }) => ({
    id: d.id,
    at: d.at,
    kind: d.kind,
    rule: d.rule,
    staffId: 'staffId' in d && typeof d.staffId === 'string' ? d.staffId : null,
    policyVersion: d.policy.version,
    explain: d.explain,
  }));
  const pendingRequest = await pendingRequestOf(db, user.username, clientId, at);
  const grant = await activeGrant(db, user.username, clientId, at);
  // Last, so that an unmasked view is logged only when nothing else can fail before it is sent.
  const contacts = await contactsFor(db, user, [clientId], at);
  return {
    client: {
      clientId,
      tier: state?.tier ?? null,
      ownerId: state?.owner_id ?? null,
      registeredAt: iso(state?.registered_at ?? null),
      closedAt: iso(state?.closed_at ?? null),
      followUpDue: iso(state?.follow_up_due ?? null),
      developmentDue: iso(state?.development_due ?? null),
      lastActivityAt: iso(state?.last_activity_at ?? null),
      contact: contacts.get(clientId) ?? null,
    },
    decisions,
    moreDecisions: page.items.length > DECISIONS_SHOWN,
    pendingRequest,
    grant,
    scope: 'full',
  };
}
