/**
 * The rows of the log tables past the log head: the store refuses to insert them without the
 * head's move, so only someone with the triggers switched off can have put them there, and
 * Verify reports each as `extra` (the first `limit` of each table listed, all counted).
 */
import { sql } from 'kysely';
import type { LogHead, StoreDb } from '@allot/store';
import type { VerifyMismatch } from './verify.js';

interface PastRow {
  seq: string | number;
  id: string | null;
  total: string | number;
}

const QUERIES: readonly { table: VerifyMismatch['table']; text: (head: LogHead, limit: number) => ReturnType<typeof sql<PastRow>> }[] = [
  {
    table: 'policy_versions',
    text: (h, limit) =>
      sql<PastRow>`select publish_seq as seq, policy_id || ' ' || version as id, count(*) over () as total from policy_versions where publish_seq > ${h.opSeq} order by publish_seq limit ${limit}`,
  },
  {
    table: 'policy_cancellations',
    text: (h, limit) => sql<PastRow>`select seq, policy_id || ' ' || version as id, count(*) over () as total from policy_cancellations where seq > ${h.opSeq} order by seq limit ${limit}`,
  },
  { table: 'events', text: (h, limit) => sql<PastRow>`select seq, event_id as id, count(*) over () as total from events where seq > ${h.opSeq} order by seq limit ${limit}` },
  { table: 'ticks', text: (h, limit) => sql<PastRow>`select seq, null as id, count(*) over () as total from ticks where seq > ${h.opSeq} order by seq limit ${limit}` },
  { table: 'decisions', text: (h, limit) => sql<PastRow>`select seq, decision_id as id, count(*) over () as total from decisions where seq > ${h.decisionSeq} order by seq limit ${limit}` },
];

/** One `extra` per row past `head` (at most `limit` listed per table), and how many more there are. */
export async function rowsPastHead(db: StoreDb, head: LogHead, limit: number): Promise<{ listed: VerifyMismatch[]; unlisted: number }> {
  const out: VerifyMismatch[] = [];
  let unlisted = 0;
  for (const q of QUERIES) {
    const rows = (await q.text(head, limit).execute(db)).rows;
    const total = Number(rows[0]?.total ?? 0);
    unlisted += total - rows.length;
    const past = q.table === 'decisions' ? head.decisionSeq : head.opSeq;
    for (const r of rows) {
      const seq = Number(r.seq);
      const m: VerifyMismatch = { table: q.table, seq, reason: 'extra', detail: `${q.table} row ${seq} lies past the log head (${past}): it was inserted without the head's move${total > rows.length ? `; ${total} such rows in all` : ''}` };
      if (q.table === 'events' && r.id !== null) m.eventId = r.id;
      if (q.table === 'decisions' && r.id !== null) m.decisionId = r.id;
      out.push(m);
    }
  }
  return { listed: out, unlisted };
}
