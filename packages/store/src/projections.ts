import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database } from './database.js';
import { inJsonList } from './json-list.js';
import { dollarQuoted } from './copy-rows.js';
import { encodeJsonRows, insertJsonRows, JSON_ROWS_CHUNK, jsonRowsInsert, jsonRowsInsertText } from './json-rows.js';

/** The staff status fields, with instants as `T` (ISO strings when written, Dates when read). */
interface StaffStatusFields<T> {
  staffId: string;
  /** Role, level and whether employed, from staff events; null in a delta leaves the stored value. */
  role: string | null;
  level: string | null;
  active: boolean | null;
  pausesImposed: number;
  /** Pauses not yet used up: null when never paused (in a delta: unchanged by this batch). */
  pausesLeft: number | null;
  bannedUntil: T | null;
  hotlineBannedUntil: T | null;
  finedFen: number;
  lastDecisionSeq: number;
}

/** A change to one staff member's status from one batch: counts add up, instants keep the latest. */
export type StaffStatusDelta = StaffStatusFields<string>;

/** One staff member's current status. */
export interface StaffStatus extends StaffStatusFields<Date> {
  updatedAt: Date;
}

/** One client's current state (instants as ISO-8601 strings when written, Dates when read). */
export interface ClientState<T = Date> {
  clientId: string;
  ownerId: string | null;
  tier: string | null;
  registeredAt: T | null;
  closedAt: T | null;
  followUpDue: T | null;
  developmentDue: T | null;
  lastActivityAt: T | null;
}

const STAFF_COLUMNS = [
  ['staff_id', 'text'],
  ['role', 'text'],
  ['level', 'text'],
  ['active', 'boolean'],
  ['pauses_imposed', 'integer'],
  ['pauses_left', 'integer'],
  ['banned_until', 'timestamptz'],
  ['hotline_banned_until', 'timestamptz'],
  ['fined_fen', 'bigint'],
  ['last_decision_seq', 'bigint'],
  ['updated_at', 'timestamptz'],
] as const;

const CLIENT_COLUMNS = [
  ['client_id', 'text'],
  ['owner_id', 'text'],
  ['tier', 'text'],
  ['registered_at', 'timestamptz'],
  ['closed_at', 'timestamptz'],
  ['follow_up_due', 'timestamptz'],
  ['development_due', 'timestamptz'],
  ['last_activity_at', 'timestamptz'],
  ['updated_at', 'timestamptz'],
] as const;

const staffRows = (deltas: readonly StaffStatusDelta[], updatedAt: string): Record<string, unknown>[] =>
  deltas.map((d) => ({
    staff_id: d.staffId,
    role: d.role,
    level: d.level,
    active: d.active,
    pauses_imposed: d.pausesImposed,
    pauses_left: d.pausesLeft,
    banned_until: d.bannedUntil,
    hotline_banned_until: d.hotlineBannedUntil,
    fined_fen: d.finedFen,
    last_decision_seq: d.lastDecisionSeq,
    updated_at: updatedAt,
  }));

const STAFF_CONFLICT = `on conflict (staff_id) do update set
       role = coalesce(excluded.role, staff_status.role),
       level = coalesce(excluded.level, staff_status.level),
       active = coalesce(excluded.active, staff_status.active),
       pauses_imposed = staff_status.pauses_imposed + excluded.pauses_imposed,
       pauses_left = coalesce(excluded.pauses_left, staff_status.pauses_left),
       banned_until = greatest(staff_status.banned_until, excluded.banned_until),
       hotline_banned_until = greatest(staff_status.hotline_banned_until, excluded.hotline_banned_until),
       fined_fen = staff_status.fined_fen + excluded.fined_fen,
       last_decision_seq = greatest(staff_status.last_decision_seq, excluded.last_decision_seq),
       updated_at = excluded.updated_at`;

/** A member's ban ends as they are now (after a ban was superseded: the later-wins upsert cannot lower them). */
export interface StaffBanReset {
  staffId: string;
  bannedUntil: string | null;
  hotlineBannedUntil: string | null;
}

/** Sets members' ban ends exactly (after the batch's upsert). */
export async function resetStaffBans(db: Kysely<Database>, resets: readonly StaffBanReset[]): Promise<void> {
  for (const r of resets) {
    await db
      .updateTable('staff_status')
      .set({ banned_until: r.bannedUntil === null ? null : new Date(r.bannedUntil), hotline_banned_until: r.hotlineBannedUntil === null ? null : new Date(r.hotlineBannedUntil) })
      .where('staff_id', '=', r.staffId)
      .execute();
  }
}

/** Applies a batch's staff changes in one statement: pauses and fines add, ban ends keep the later, role and activity the latest known. */
export async function upsertStaffStatus(db: Kysely<Database>, deltas: readonly StaffStatusDelta[], at: Date): Promise<void> {
  if (deltas.length === 0) return;
  await insertJsonRows(db, 'staff_status', STAFF_COLUMNS, staffRows(deltas, at.toISOString()), STAFF_CONFLICT);
}

const clientRows = (states: readonly ClientState<string>[], updatedAt: string): Record<string, unknown>[] =>
  states.map((c) => ({
    client_id: c.clientId,
    owner_id: c.ownerId,
    tier: c.tier,
    registered_at: c.registeredAt,
    closed_at: c.closedAt,
    follow_up_due: c.followUpDue,
    development_due: c.developmentDue,
    last_activity_at: c.lastActivityAt,
    updated_at: updatedAt,
  }));

const CLIENT_CONFLICT = `on conflict (client_id) do update set
       owner_id = excluded.owner_id, tier = excluded.tier, registered_at = excluded.registered_at,
       closed_at = excluded.closed_at, follow_up_due = excluded.follow_up_due,
       development_due = excluded.development_due, last_activity_at = excluded.last_activity_at,
       updated_at = excluded.updated_at`;

/** Writes clients' whole current state in one statement. */
export async function upsertClientState(db: Kysely<Database>, states: readonly ClientState<string>[], at: Date): Promise<void> {
  if (states.length === 0) return;
  await insertJsonRows(db, 'client_state', CLIENT_COLUMNS, clientRows(states, at.toISOString()), CLIENT_CONFLICT);
}

/**
 * `upsertStaffStatus` and `upsertClientState` of one batch in one statement (one round trip;
 * each upsert a data-modifying CTE), or two when either is too large for one.
 */
export async function upsertProjections(db: Kysely<Database>, deltas: readonly StaffStatusDelta[], states: readonly ClientState<string>[], at: Date): Promise<void> {
  if (deltas.length === 0 || states.length === 0 || deltas.length > JSON_ROWS_CHUNK || states.length > JSON_ROWS_CHUNK) {
    await upsertStaffStatus(db, deltas, at);
    await upsertClientState(db, states, at);
    return;
  }
  const updatedAt = at.toISOString();
  const [staff] = encodeJsonRows(STAFF_COLUMNS, staffRows(deltas, updatedAt));
  const [clients] = encodeJsonRows(CLIENT_COLUMNS, clientRows(states, updatedAt));
  const staffUpsert = jsonRowsInsert('staff_status', STAFF_COLUMNS, staff ?? '[]', STAFF_CONFLICT);
  const clientUpsert = jsonRowsInsert('client_state', CLIENT_COLUMNS, clients ?? '[]', CLIENT_CONFLICT);
  await sql`with staff as (${staffUpsert}), clients as (${clientUpsert}) select 1 as done`.execute(db);
}

/**
 * The statements of `upsertProjections` as plain SQL (the rows inlined as literals), for a
 * multi-statement script; none for an empty table.
 */
export function projectionUpsertTexts(deltas: readonly StaffStatusDelta[], states: readonly ClientState<string>[], at: Date): string[] {
  const updatedAt = at.toISOString();
  const out: string[] = [];
  for (const chunk of encodeJsonRows(STAFF_COLUMNS, staffRows(deltas, updatedAt))) out.push(jsonRowsInsertText('staff_status', STAFF_COLUMNS, dollarQuoted(chunk), STAFF_CONFLICT));
  for (const chunk of encodeJsonRows(CLIENT_COLUMNS, clientRows(states, updatedAt))) out.push(jsonRowsInsertText('client_state', CLIENT_COLUMNS, dollarQuoted(chunk), CLIENT_CONFLICT));
  return out;
}

const staffOf = (r: Selectable<Database['staff_status']>): StaffStatus => ({
  staffId: r.staff_id,
  role: r.role,
  level: r.level,
  active: r.active,
  pausesImposed: r.pauses_imposed,
  pausesLeft: r.pauses_left,
  bannedUntil: r.banned_until,
  hotlineBannedUntil: r.hotline_banned_until,
  finedFen: Number(r.fined_fen),
  lastDecisionSeq: Number(r.last_decision_seq),
  updatedAt: r.updated_at,
});

/** One staff member's status, or undefined when no decision concerned them yet. */
export async function readStaffStatus(db: Kysely<Database>, staffId: string): Promise<StaffStatus | undefined> {
  const r = await db.selectFrom('staff_status').selectAll().where('staff_id', '=', staffId).executeTakeFirst();
  return r === undefined ? undefined : staffOf(r);
}

/** The status of the given staff members (every member known when `staffIds` is omitted), in one query. */
export async function readStaffStatuses(db: Kysely<Database>, staffIds?: readonly string[]): Promise<StaffStatus[]> {
  if (staffIds !== undefined && staffIds.length === 0) return [];
  const q = db.selectFrom('staff_status').selectAll();
  const rows = await (staffIds === undefined ? q : q.where(inJsonList('staff_id', staffIds))).orderBy('staff_id').execute();
  return rows.map(staffOf);
}

/** The current state of the given clients (those known), in one query. */
export async function readClientStates(db: Kysely<Database>, clientIds: readonly string[]): Promise<ClientState[]> {
  if (clientIds.length === 0) return [];
  const rows = await db.selectFrom('client_state').selectAll().where(inJsonList('client_id', clientIds)).execute();
  return rows.map((r) => ({
    clientId: r.client_id,
    ownerId: r.owner_id,
    tier: r.tier,
    registeredAt: r.registered_at,
    closedAt: r.closed_at,
    followUpDue: r.follow_up_due,
    developmentDue: r.development_due,
    lastActivityAt: r.last_activity_at,
  }));
}
