import { sql } from 'kysely';
import type { Kysely, Selectable } from 'kysely';
import type { Database, EventsTable } from './database.js';
import { copyRows, CopyTextBuffer, supportsCopy } from './copy-rows.js';
import { inJsonList } from './json-list.js';
import { encodeJsonRows, insertEncodedJsonRows, insertJsonRows } from './json-rows.js';

/** One stored event: the event as accepted, where it sits in the op log, and its link in the event hash chain. */
export interface StoredEvent {
  seq: number;
  eventId: string;
  type: string;
  at: Date;
  appliedAt: Date;
  /** The whole event JSON (`id`, `type`, `at` and its fields). */
  payload: Record<string, unknown>;
  receivedAt: Date;
  prevHash: string;
  rowHash: string;
}

/** An event row to append; instants as ISO-8601 strings. */
export interface NewEvent {
  seq: number;
  eventId: string;
  type: string;
  at: string;
  appliedAt: string;
  /** The event's JSON text, stored as is (a `json` column keeps text byte for byte). */
  payloadText: string;
  receivedAt: string;
  prevHash: string;
  rowHash: string;
}

const COLUMNS = [
  ['seq', 'bigint'],
  ['event_id', 'text'],
  ['type', 'text'],
  ['at', 'timestamptz'],
  ['applied_at', 'timestamptz'],
  ['payload', 'json'],
  ['received_at', 'timestamptz'],
  ['prev_hash', 'text'],
  ['row_hash', 'text'],
] as const;

const COPY_COLUMNS = COLUMNS.map(([name]) => name);

/** The COPY statement of `appendEvents` on PostgreSQL (its data: `EncodedEvents.copy`). */
export const EVENT_COPY_SQL = `copy events (${COPY_COLUMNS.join(', ')}) from stdin`;

const toStored = (row: Selectable<EventsTable>): StoredEvent => ({
  seq: Number(row.seq),
  eventId: row.event_id,
  type: row.type,
  at: row.at,
  appliedAt: row.applied_at,
  payload: row.payload,
  receivedAt: row.received_at,
  prevHash: row.prev_hash,
  rowHash: row.row_hash,
});

/**
 * Appends events with multi-row inserts. An id already stored is skipped (`on conflict do
 * nothing`), never an error; returns how many were inserted, so a caller that expected all of
 * them can tell.
 */
export async function insertEvents(db: Kysely<Database>, events: readonly NewEvent[]): Promise<number> {
  return insertJsonRows(db, 'events', COLUMNS, events.map(eventRow), EVENT_CONFLICT);
}

const EVENT_CONFLICT = 'on conflict (event_id) do nothing';

const eventRow = (e: NewEvent): Record<string, unknown> => ({
  seq: e.seq,
  event_id: e.eventId,
  type: e.type,
  at: e.at,
  applied_at: e.appliedAt,
  payload: e.payloadText,
  received_at: e.receivedAt,
  prev_hash: e.prevHash,
  row_hash: e.rowHash,
});

/** Events encoded once for `appendEvents` (see `encodeEvents`). */
export interface EncodedEvents {
  readonly count: number;
  /** COPY text (PostgreSQL). */
  readonly copy: Buffer | undefined;
  /** JSON parameters of multi-row inserts (PGlite). */
  readonly json: readonly string[] | undefined;
}

/**
 * Encodes events for `appendEvents` in the form the store sends them to `db`'s backend (COPY
 * text on PostgreSQL, JSON tuples on PGlite), so a caller can build the rows, encode them and
 * drop them before its write transaction runs.
 */
export function encodeEvents(db: Kysely<Database>, events: readonly NewEvent[]): EncodedEvents {
  if (!supportsCopy(db)) return { count: events.length, copy: undefined, json: encodeJsonRows(COLUMNS, events.map(eventRow)) };
  const rows = new CopyTextBuffer();
  for (const e of events) rows.row([e.seq, e.eventId, e.type, e.at, e.appliedAt, e.payloadText, e.receivedAt, e.prevHash, e.rowHash]);
  return { count: events.length, copy: rows.data(), json: undefined };
}

/**
 * Appends events whose ids the caller knows are not stored (it checked under the writer lock),
 * as given or encoded by `encodeEvents`: on PostgreSQL with one `COPY`, where a stored id fails
 * the statement (and so the transaction) instead of being skipped; on PGlite as `insertEvents`.
 * Returns how many were inserted.
 */
export async function appendEvents(db: Kysely<Database>, events: readonly NewEvent[] | EncodedEvents): Promise<number> {
  const encoded = 'count' in events ? events : encodeEvents(db, events);
  if (encoded.count === 0) return 0;
  if (encoded.copy !== undefined) return copyRows(db, 'events', COPY_COLUMNS, encoded.copy);
  return insertEncodedJsonRows(db, 'events', COLUMNS, encoded.json ?? [], EVENT_CONFLICT);
}

/** The stored events among `ids` (one query; the ids travel as one JSON parameter). */
export async function findEvents(db: Kysely<Database>, ids: readonly string[]): Promise<StoredEvent[]> {
  if (ids.length === 0) return [];
  const rows = await db
    .selectFrom('events')
    .selectAll()
    .where(inJsonList('event_id', ids))
    .execute();
  return rows.map(toStored);
}

/** The ids among `ids` that are stored. */
export async function storedEventIds(db: Kysely<Database>, ids: readonly string[]): Promise<Set<string>> {
  if (ids.length === 0) return new Set();
  const rows = await db
    .selectFrom('events')
    .select('event_id')
    .where(inJsonList('event_id', ids))
    .execute();
  return new Set(rows.map((r) => r.event_id));
}

/** An instant column as epoch ms in SQL, truncated to the millisecond as a JavaScript Date holds it. */
const epochMs = (column: string): string => `round(date_part('epoch', date_trunc('milliseconds', ${column})) * 1000)::bigint`;

/** An event row as JSON text built by the database: `[seq, at, applied_at, received_at, [event_id, type, prev_hash, row_hash], payload]`, the instants in epoch ms, the payload's stored text as is. */
const EVENT_JSON = sql.raw(
  `concat('[', seq, ',', ${epochMs('at')}, ',', ${epochMs('applied_at')}, ',', ${epochMs('received_at')}, ',', array_to_json(array[event_id, type, prev_hash, row_hash]), ',', payload, ']')`,
);

/** What a replay reads of an event row: `[seq, at, applied_at, payload]` (no hashes, id or receipt: half the text). */
const REPLAY_EVENT_JSON = sql.raw(`concat('[', seq, ',', ${epochMs('at')}, ',', ${epochMs('applied_at')}, ',', payload, ']')`);

type PageRow = [number, number, number, number, [string, string, string, string], Record<string, unknown>];
type ReplayPageRow = [number, number, number, Record<string, unknown>];

/**
 * A page of events with `afterSeq < seq <= toSeq` as one JSON array the database builds (one row,
 * not one per event), or null when there is none: a long replay reads hundreds of thousands of
 * events, and parsed row by row (three timestamps and a JSON column each) the reading took as
 * long as the engine's work on them.
 */
async function eventPage<T>(db: Kysely<Database>, row: ReturnType<typeof sql.raw>, range: { afterSeq: number; toSeq?: number; limit: number }): Promise<T[]> {
  const to = range.toSeq === undefined ? sql`` : sql` and seq <= ${range.toSeq}`;
  const query = sql<{ page: string | null }>`select string_agg(${row}, ',' order by seq) as page from (select * from events where seq > ${range.afterSeq}${to} order by seq limit ${range.limit}) e`;
  const page = (await query.execute(db)).rows[0]?.page ?? null;
  return page === null ? [] : (JSON.parse(`[${page}]`) as T[]);
}

/** Events with `afterSeq < seq <= toSeq`, in seq order, at most `limit` (page with the last seq). */
export async function readEvents(db: Kysely<Database>, range: { afterSeq: number; toSeq?: number; limit: number }): Promise<StoredEvent[]> {
  return (await eventPage<PageRow>(db, EVENT_JSON, range)).map(([seq, at, appliedAt, receivedAt, [eventId, type, prevHash, rowHash], payload]) => ({
    seq: Number(seq),
    eventId,
    type,
    at: new Date(at),
    appliedAt: new Date(appliedAt),
    payload,
    receivedAt: new Date(receivedAt),
    prevHash,
    rowHash,
  }));
}

/** An event as a replay needs it: where it sits in the op log, its instants and its JSON (the hash chain is Verify's). */
export type ReplayEvent = Pick<StoredEvent, 'seq' | 'at' | 'appliedAt' | 'payload'>;

/** {@link readEvents} for a replay: the same page, without the row's hashes, id and receipt. */
export async function readReplayEvents(db: Kysely<Database>, range: { afterSeq: number; toSeq?: number; limit: number }): Promise<ReplayEvent[]> {
  return (await eventPage<ReplayPageRow>(db, REPLAY_EVENT_JSON, range)).map(([seq, at, appliedAt, payload]) => ({ seq: Number(seq), at: new Date(at), appliedAt: new Date(appliedAt), payload }));
}

/** The last stored event at or before op `seq` (its seq and row hash), or undefined. */
export async function lastEventAtOrBefore(db: Kysely<Database>, seq: number): Promise<{ seq: number; rowHash: string } | undefined> {
  const row = await db.selectFrom('events').select(['seq', 'row_hash']).where('seq', '<=', seq).orderBy('seq', 'desc').limit(1).executeTakeFirst();
  return row === undefined ? undefined : { seq: Number(row.seq), rowHash: row.row_hash };
}
