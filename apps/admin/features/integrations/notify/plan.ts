/** Which notifications an outbox row makes: who is told, and when (after quiet hours). */
import { randomUUID } from 'node:crypto';
import type { OutboxEntry } from '@allot/store';
import type { Kysely } from 'kysely';
import type { AdminDatabase } from '../../shared/database';
import { PERMISSIONS } from '../../shared/roles';
import type { OutboundConfig } from '../config';
import { PERSONAL_KINDS, renderItem } from './templates';
import type { NotificationMessage } from './templates';

interface Person {
  username: string;
  display_name: string;
  role: string;
  staff_id: string | null;
  notify_channel: string | null;
  notify_lang: 'zh' | 'en';
  email: string | null;
  mobile: string | null;
}

/** Who is told of one outbox row (usernames). */
export function recipientsOf(e: OutboxEntry, people: readonly Person[]): Person[] {
  const b = e.body;
  if (e.decision !== null) {
    if (!(PERSONAL_KINDS as readonly string[]).includes(e.decision.kind) || e.decision.staffId === null) return [];
    return people.filter((p) => p.staff_id === e.decision?.staffId);
  }
  switch (e.type) {
    case 'policy.submitted':
      return people.filter((p) => p.role === 'approver');
    case 'policy.approved':
    case 'policy.rejected':
      return people.filter((p) => p.username === b['author']);
    case 'access.approved':
      return people.filter((p) => p.username === (b['request'] as Record<string, unknown> | undefined)?.['username']);
    case 'appeal.filed':
      // Those who decide appeals (the manager).
      return people.filter((p) => (PERMISSIONS.decideAppeals as readonly string[]).includes(p.role));
    case 'appeal.decided':
    case 'sanction.dismissed':
      // The rep whose sanction it was.
      return typeof b['staffId'] === 'string' ? people.filter((p) => p.staff_id === b['staffId']) : [];
    default:
      return [];
  }
}

/** The first instant at or after `at` outside quiet hours (hours on the configured zone's clock). */
export function afterQuietHours(at: Date, config: Pick<OutboundConfig, 'quietHours' | 'quietZoneOffsetMinutes'>): Date {
  const { from, to } = config.quietHours;
  if (from === to) return at;
  const local = new Date(at.getTime() + config.quietZoneOffsetMinutes * 60_000);
  const h = local.getUTCHours();
  const quiet = from < to ? h >= from && h < to : h >= from || h < to;
  if (!quiet) return at;
  const end = new Date(local);
  end.setUTCHours(to, 0, 0, 0);
  if (end.getTime() <= local.getTime()) end.setUTCDate(end.getUTCDate() + 1);
  return new Date(end.getTime() - config.quietZoneOffsetMinutes * 60_000);
}

/** Items in one message at most (more become further messages). */
export const MAX_ITEMS = 5;

type DeliveryRow = {
  target: 'notification';
  endpoint_id: string;
  recipient: string;
  outbox_seq: number | null;
  event_id: string;
  event_type: string;
  body: string;
  status: 'pending';
  next_at: Date;
  created_at: Date;
};

/**
 * The messages to people for a run of outbox rows: each person with a channel is told of what
 * concerns them, in their language, all their items of this run in one message (and added to a
 * message of theirs still waiting, e.g. for quiet hours or the batching window, instead of a
 * second one). A message goes out after quiet hours, and no channel gets more than its rate per
 * minute: later messages are spread over the following minutes.
 */
export async function planNotifications(trx: Kysely<AdminDatabase>, entries: readonly OutboxEntry[], now: Date, config: OutboundConfig): Promise<DeliveryRow[]> {
  const relevant = entries.filter((e) => e.decision === null || (PERSONAL_KINDS as readonly string[]).includes(e.decision.kind));
  if (relevant.length === 0) return [];
  const people = (await trx.selectFrom('users').select(['username', 'display_name', 'role', 'staff_id', 'notify_channel', 'notify_lang', 'email', 'mobile']).where('disabled', '=', false).where('notify_channel', 'is not', null).execute()) as Person[];
  if (people.length === 0) return [];
  const channels = new Map((await trx.selectFrom('notification_channels').select(['id', 'kind', 'enabled', 'from_seq']).execute()).map((c) => [c.id, c]));
  const byPerson = new Map<string, { person: Person; channel: string; message: NotificationMessage; firstSeq: number }>();
  for (const e of relevant) {
    for (const p of recipientsOf(e, people)) {
      const channel = channels.get(p.notify_channel ?? '');
      if (channel === undefined || !channel.enabled || e.seq <= Number(channel.from_seq)) continue;
      let m = byPerson.get(p.username);
      if (m === undefined) {
        m = { person: p, channel: channel.id, firstSeq: e.seq, message: { lang: p.notify_lang, to: { username: p.username, displayName: p.display_name, email: p.email, mobile: p.mobile }, items: [] } };
        byPerson.set(p.username, m);
      }
      m.message.items.push(renderItem(e, p.notify_lang, config.publicUrl));
    }
  }
  const rows: DeliveryRow[] = [];
  const perChannel = new Map<string, number>();
  // At most MAX_ITEMS items a message (robots limit a message's size: 企业微信 2,048 bytes).
  const messages = [...byPerson.values()].flatMap((m) =>
    Array.from({ length: Math.ceil(m.message.items.length / MAX_ITEMS) }, (_, i) => ({ ...m, message: { ...m.message, items: m.message.items.slice(i * MAX_ITEMS, (i + 1) * MAX_ITEMS) } })),
  );
  for (const { person, channel, message, firstSeq } of messages) {
    // A message of theirs not sent yet takes these items too (one message, not one per event).
    const waiting = await trx
      .selectFrom('outbound_deliveries')
      .select(['id', 'body'])
      .where('target', '=', 'notification')
      .where('recipient', '=', person.username)
      .where('endpoint_id', '=', channel)
      .where('status', '=', 'pending')
      .where('attempts', '=', 0)
      .where('next_at', '>', now)
      .orderBy('id', 'desc')
      .executeTakeFirst();
    const before = waiting?.body == null ? undefined : (JSON.parse(waiting.body) as NotificationMessage);
    if (waiting !== undefined && before !== undefined && before.items.length + message.items.length <= MAX_ITEMS) {
      await trx.updateTable('outbound_deliveries').set({ body: JSON.stringify({ ...before, items: [...before.items, ...message.items] }) }).where('id', '=', waiting.id).execute();
      continue;
    }
    let at = afterQuietHours(new Date(now.getTime() + config.batchWindowMs), config);
    // Rate limit: messages already due on this channel within a minute of `at`, and this run's.
    const kind = channels.get(channel)?.kind ?? 'email';
    const limit = Math.max(1, config.ratePerMinute[kind]);
    const already = await trx
      .selectFrom('outbound_deliveries')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('endpoint_id', '=', channel)
      .where('next_at', '>=', new Date(at.getTime() - 60_000))
      .executeTakeFirst();
    const n = Number(already?.n ?? 0) + (perChannel.get(channel) ?? 0);
    perChannel.set(channel, (perChannel.get(channel) ?? 0) + 1);
    if (n >= limit) at = new Date(at.getTime() + Math.floor(n / limit) * 60_000);
    rows.push({ target: 'notification', endpoint_id: channel, recipient: person.username, outbox_seq: firstSeq, event_id: `ntf_${randomUUID()}`, event_type: 'notification', body: JSON.stringify(message), status: 'pending', next_at: at, created_at: now });
  }
  return rows;
}
