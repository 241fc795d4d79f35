/** Notification channels (企业微信 and 钉钉 group robots, e-mail) and how each person is told. */
import { randomBytes } from 'node:crypto';
import { outboxHead } from '@allot/store';
import type { AdminDb } from '../shared/database';
import { storeDb } from '../shared/database';
import { EndpointInputError, parseUrl } from './endpoints';

/** A notification channel as the page shows it (the 钉钉 secret never). */
export interface ChannelView {
  id: string;
  kind: 'wecom' | 'dingtalk' | 'email';
  name: string;
  url: string | null;
  signed: boolean;
  enabled: boolean;
  pausedAt: string | null;
  consecutiveFailures: number;
  createdAt: string;
}

const KINDS = ['wecom', 'dingtalk', 'email'] as const;

type Row = { id: string; kind: 'wecom' | 'dingtalk' | 'email'; name: string; url: string | null; secret: string | null; enabled: boolean; paused_at: Date | null; consecutive_failures: number; created_at: Date };
const toView = (r: Row): ChannelView => ({ id: r.id, kind: r.kind, name: r.name, url: r.url, signed: r.secret !== null && r.secret !== '', enabled: r.enabled, pausedAt: r.paused_at?.toISOString() ?? null, consecutiveFailures: r.consecutive_failures, createdAt: new Date(r.created_at).toISOString() });

/** Every channel, oldest first. */
export async function listChannels(db: AdminDb): Promise<ChannelView[]> {
  const rows = (await db.selectFrom('notification_channels').select(['id', 'kind', 'name', 'url', 'secret', 'enabled', 'paused_at', 'consecutive_failures', 'created_at']).orderBy('created_at').orderBy('id').execute()) as Row[];
  return rows.map(toView);
}

/** Adds a 企业微信 or 钉钉 group robot (its webhook URL; 钉钉's 加签 secret) or the e-mail channel. */
export async function createChannel(db: AdminDb, input: { kind: unknown; name: unknown; url?: unknown; secret?: unknown }, actor: string, now: Date): Promise<ChannelView> {
  const kind = input.kind;
  if (typeof kind !== 'string' || !(KINDS as readonly string[]).includes(kind)) throw new EndpointInputError('kind', '类型须为 wecom、dingtalk 或 email', 'kind must be wecom, dingtalk or email');
  const name = typeof input.name === 'string' ? input.name.trim() : '';
  if (name === '' || name.length > 80) throw new EndpointInputError('name', '需要名称（至多 80 字）', 'a name (up to 80 characters) is required');
  const url = kind === 'email' ? null : parseUrl(input.url);
  const secret = kind === 'dingtalk' && typeof input.secret === 'string' && input.secret.trim() !== '' ? input.secret.trim() : null;
  if (secret !== null && secret.length > 200) throw new EndpointInputError('secret', '密钥过长', 'the secret is too long');
  const id = `ch_${randomBytes(8).toString('hex')}`;
  await db.insertInto('notification_channels').values({ id, kind: kind as Row['kind'], name, url, secret, enabled: true, paused_at: null, from_seq: await outboxHead(storeDb(db)), created_by: actor, created_at: now }).execute();
  return (await listChannels(db)).find((c) => c.id === id) as ChannelView;
}

/** Turns a channel on or off, or resumes it after a pause. */
export async function updateChannel(db: AdminDb, id: string, input: { enabled?: unknown; resume?: unknown }): Promise<ChannelView | undefined> {
  const changes: { enabled?: boolean; paused_at?: null; consecutive_failures?: number } = {};
  if (input.enabled !== undefined) {
    if (typeof input.enabled !== 'boolean') throw new EndpointInputError('enabled', 'enabled 须为 true 或 false', 'enabled must be true or false');
    changes.enabled = input.enabled;
  }
  if (input.resume === true) Object.assign(changes, { paused_at: null, consecutive_failures: 0 });
  if (Object.keys(changes).length > 0) await db.updateTable('notification_channels').set(changes).where('id', '=', id).execute();
  if (input.resume === true || input.enabled === true) await db.updateTable('outbound_deliveries').set({ status: 'pending' }).where('endpoint_id', '=', id).where('status', '=', 'held').execute();
  return (await listChannels(db)).find((c) => c.id === id);
}

/** Sets how one person is told: channel (or null), language, e-mail, mobile. */
export async function setRecipient(db: AdminDb, username: string, input: { channel?: unknown; lang?: unknown; email?: unknown; mobile?: unknown }): Promise<boolean> {
  const changes: { notify_channel?: string | null; notify_lang?: 'zh' | 'en'; email?: string | null; mobile?: string | null } = {};
  if (input.channel !== undefined) {
    if (input.channel !== null && typeof input.channel !== 'string') throw new EndpointInputError('channel', 'channel 须为渠道 id 或 null', 'channel must be a channel id or null');
    if (typeof input.channel === 'string' && (await db.selectFrom('notification_channels').select('id').where('id', '=', input.channel).executeTakeFirst()) === undefined) throw new EndpointInputError('channel', '没有该渠道', 'no such channel');
    changes.notify_channel = input.channel;
  }
  if (input.lang !== undefined) {
    if (input.lang !== 'zh' && input.lang !== 'en') throw new EndpointInputError('lang', '语言须为 zh 或 en', 'lang must be zh or en');
    changes.notify_lang = input.lang;
  }
  if (input.email !== undefined) {
    if (input.email !== null && (typeof input.email !== 'string' || !/^[^\s@]+@[^\s@]+$/.test(input.email) || input.email.length > 200)) throw new EndpointInputError('email', '电子邮件地址不正确', 'not an e-mail address');
    changes.email = input.email;
  }
  if (input.mobile !== undefined) {
    if (input.mobile !== null && (typeof input.mobile !== 'string' || !/^\+?\d{5,20}$/.test(input.mobile))) throw new EndpointInputError('mobile', '手机号不正确', 'not a mobile number');
    changes.mobile = input.mobile;
  }
  if (Object.keys(changes).length === 0) return (await db.selectFrom('users').select('username').where('username', '=', username).executeTakeFirst()) !== undefined;
  const r = await db.updateTable('users').set(changes).where('username', '=', username).returning('username').executeTakeFirst();
  return r !== undefined;
}

/** How one person is told, as the users page shows it. */
export interface RecipientView {
  username: string;
  /** The channel id, or null: told nothing. */
  channel: string | null;
  lang: 'zh' | 'en';
  email: string | null;
  mobile: string | null;
}

/** The channels a person can be put on, and every user's settings (by username), for the users page. */
export async function recipientSettings(db: AdminDb): Promise<{ channels: Pick<ChannelView, 'id' | 'kind' | 'name' | 'enabled'>[]; recipients: RecipientView[] }> {
  const channels = (await listChannels(db)).map((c) => ({ id: c.id, kind: c.kind, name: c.name, enabled: c.enabled }));
  const rows = await db.selectFrom('users').select(['username', 'notify_channel', 'notify_lang', 'email', 'mobile']).orderBy('username').execute();
  return { channels, recipients: rows.map((r) => ({ username: r.username, channel: r.notify_channel, lang: r.notify_lang, email: r.email, mobile: r.mobile })) };
}
