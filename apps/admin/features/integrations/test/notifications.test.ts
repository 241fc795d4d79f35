/**
 * Notifications from the outbox, on both backends: a 钉钉 custom robot (a local fake that checks
 * the documented JSON shape and the HMAC `sign`), a 企业微信 group robot (a fake that checks its
 * JSON shape), and e-mail through nodemailer to a local `smtp-server`. Templates in each
 * person's language with the explanation, the clause and a link; quiet hours; batching.
 */
import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { SMTPServer } from 'smtp-server';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../../../packages/store/test/test-stores.js';
import { recordWorkflowEvent } from '../../shared/workflow-events';
import { createChannel, setRecipient } from '../channels';
import { listDeliveries } from '../deliveries';
import { startOutbound } from '../outbound';
import type { Outbound } from '../outbound';
import { afterQuietHours } from '../notify/plan';
import { openHarness, testConfig, until } from './harness';
import type { Harness } from './harness';

const DING_SECRET = 'SEC0123456789abcdef0123456789abcdef0123456789abcdef0123456789abcd';

interface Robot {
  url: string;
  messages: Record<string, unknown>[];
  problems: string[];
  close(): Promise<void>;
}

/** A fake robot: checks each request as the real service documents it and answers `{ errcode, errmsg }`. */
async function fakeRobot(kind: 'wecom' | 'dingtalk'): Promise<Robot> {
  const messages: Record<string, unknown>[] = [];
  const problems: string[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = new URL(req.url ?? '/', 'http://x');
      let body: Record<string, unknown> = {};
      try {
        body = JSON.parse(Buffer.concat(chunks).toString('utf8')) as Record<string, unknown>;
      } catch {
        problems.push('not JSON');
      }
      const fail = (msg: string): void => {
        problems.push(msg);
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 310000, errmsg: msg }));
      };
      if (req.headers['content-type']?.startsWith('application/json') !== true) return fail('content-type');
      if (kind === 'dingtalk') {
        if (url.searchParams.get('access_token') !== 'ding-token') return fail('access_token');
        const ts = url.searchParams.get('timestamp') ?? '';
        const expected = createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
        if (url.searchParams.get('sign') !== expected) return fail('sign not match');
        if (Math.abs(Date.now() - Number(ts)) > 3_600_000) return fail('timestamp too old');
        const text = body['text'] as { content?: unknown } | undefined;
        const at = body['at'] as { atMobiles?: unknown; isAtAll?: unknown } | undefined;
        if (body['msgtype'] !== 'text' || typeof text?.content !== 'string' || !Array.isArray(at?.atMobiles) || typeof at?.isAtAll !== 'boolean') return fail('shape');
      } else {
        if (url.searchParams.get('key') !== 'wecom-key') return fail('key');
        const text = body['text'] as { content?: unknown; mentioned_mobile_list?: unknown } | undefined;
        if (body['msgtype'] !== 'text' || typeof text?.content !== 'string' || (text.mentioned_mobile_list !== undefined && !Array.isArray(text.mentioned_mobile_list))) return fail('shape');
        if (Buffer.byteLength(text.content) > 2048) return fail('content too long');
      }
      messages.push(body);
      res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ errcode: 0, errmsg: 'ok' }));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.address() as AddressInfo).port;
  return {
    url: kind === 'dingtalk' ? `http://127.0.0.1:${port}/robot/send?access_token=ding-token` : `http://127.0.0.1:${port}/cgi-bin/webhook/send?key=wecom-key`,
    messages,
    problems,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

interface Mailbox {
  port: number;
  mails: { to: string; raw: string }[];
  close(): Promise<void>;
}

async function smtp(): Promise<Mailbox> {
  const mails: { to: string; raw: string }[] = [];
  const server = new SMTPServer({
    authOptional: true,
    disableReverseLookup: true,
    disabledCommands: ['STARTTLS'],
    onData(stream, session, callback) {
      const chunks: Buffer[] = [];
      stream.on('data', (c: Buffer) => chunks.push(c));
      stream.on('end', () => {
        mails.push({ to: session.envelope.rcptTo.map((r) => r.address).join(','), raw: Buffer.concat(chunks).toString('utf8') });
        callback();
      });
    },
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', () => resolve()));
  const port = (server.server.address() as AddressInfo).port;
  return { port, mails, close: () => new Promise<void>((resolve) => server.close(() => resolve())) };
}

/** Decodes a quoted-printable / base64 text part well enough to search it. */
function mailText(raw: string): string {
  const [head = '', ...rest] = raw.split(/\r?\n\r?\n/);
  const body = rest.join('\n\n');
  if (/content-transfer-encoding: base64/i.test(head)) return Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  if (/content-transfer-encoding: quoted-printable/i.test(head)) {
    const soft = body.replace(/=\r?\n/g, '');
    return Buffer.from(soft.replace(/=([0-9A-F]{2})/gi, (_m, h: string) => String.fromCharCode(parseInt(h, 16))), 'latin1').toString('utf8');
  }
  return body;
}

const at = (s: number): string => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + s * 1000).toISOString().replace('.000Z', '+00:00');

describe.each(BACKENDS)('notifications on $name', (backend) => {
  let h: Harness;
  let outbound: Outbound | undefined;
  const closers: (() => Promise<void>)[] = [];
  afterEach(async () => {
    await outbound?.stop({ dropQueue: true });
    outbound = undefined;
    for (const c of closers.splice(0)) await c();
    await h.close();
  });

  it('tells each person on their channel, in their language, with the explanation, the clause and a link', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const ding = await fakeRobot('dingtalk');
    const wecom = await fakeRobot('wecom');
    const mail = await smtp();
    closers.push(ding.close, wecom.close, mail.close);
    const now = new Date();
    const d = await createChannel(h.admin, { kind: 'dingtalk', name: '销售群', url: ding.url, secret: DING_SECRET }, 'admin', now);
    const w = await createChannel(h.admin, { kind: 'wecom', name: 'Sales', url: wecom.url }, 'admin', now);
    const e = await createChannel(h.admin, { kind: 'email', name: 'mail' }, 'admin', now);
    const users = [
      { username: 'rep1', display_name: '李娜', role: 'rep' as const, staff_id: 's1' },
      { username: 'rep2', display_name: 'Wang Fang', role: 'rep' as const, staff_id: 's2' },
      { username: 'hr', display_name: '人事', role: 'editor' as const, staff_id: null },
      { username: 'boss', display_name: '老板', role: 'approver' as const, staff_id: null },
    ];
    await h.admin.insertInto('users').values(users.map((u) => ({ ...u, password_hash: 'x' }))).execute();
    await setRecipient(h.admin, 'rep1', { channel: d.id, lang: 'zh', mobile: '13800000001' });
    await setRecipient(h.admin, 'rep2', { channel: w.id, lang: 'en', mobile: '13800000002' });
    await setRecipient(h.admin, 'hr', { channel: e.id, lang: 'zh', email: 'hr@example.test' });
    await setRecipient(h.admin, 'boss', { channel: e.id, lang: 'en', email: 'boss@example.test' });
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig({ smtp: { host: '127.0.0.1', port: mail.port, secure: false, from: 'allot <allot@example.test>' } }) });
    // s1 is fined for a late ABCD table (F1); s2 gets a new lead; HR's draft is rejected; the approver is asked to approve.
    await h.runtime.ingest(
      [
        { id: 'j1', type: 'staff.joined', at: at(0), staffId: 's1', role: 'rep' },
        { id: 'j2', type: 'staff.joined', at: at(0), staffId: 's2', role: 'rep' },
        { id: 'late1', type: 'entry.late', at: at(5), staffId: 's1', form: 'abcd_table' },
        { id: 'r1', type: 'lead.received', at: at(10), clientId: 'c1', channel: 'web' },
        { id: 'a1', type: 'lead.allocate', at: at(10), clientId: 'c1', mode: 'pool' },
        { id: 'r2', type: 'lead.received', at: at(11), clientId: 'c2', channel: 'web' },
        { id: 'a2', type: 'lead.allocate', at: at(11), clientId: 'c2', mode: 'pool' },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    await h.admin.transaction().execute(async (trx) => {
      await recordWorkflowEvent(trx, 'policy.rejected', new Date(), { actor: 'boss', policy: { id: 'sales-resource', version: '1.1.0', hash: 'sha256:x' }, author: 'hr', reason: '罚款金额需再确认' });
      await recordWorkflowEvent(trx, 'policy.submitted', new Date(), { actor: 'hr', policy: { id: 'sales-resource', version: '1.2.0', hash: 'sha256:y' }, author: 'hr', note: 'please review' });
    });
    await until(() => mail.mails.length >= 2 && ding.messages.length >= 1 && wecom.messages.length >= 1, 30_000, 'every message');
    expect(ding.problems).toEqual([]);
    expect(wecom.problems).toEqual([]);
    // 钉钉: one message to rep1 (batched: the fine and the lead of this run), in Chinese, @-ing her.
    expect(ding.messages).toHaveLength(1);
    const dingText = (ding.messages[0]?.['text'] as { content: string }).content;
    expect(dingText).toContain('罚款 20.00 元');
    expect(dingText).toContain('依据条款：F1');
    expect(dingText).toContain('http://allot.test/audit/decisions/');
    expect(dingText).toContain('李娜');
    expect(ding.messages[0]?.['at']).toEqual({ atMobiles: ['13800000001'], isAtAll: false });
    // 企业微信: rep2 in English, the new lead with its 10-minute deadline.
    const wecomText = (wecom.messages[0]?.['text'] as { content: string; mentioned_mobile_list: string[] }).content;
    expect(wecomText).toMatch(/New lead c\d: follow up within 10 minutes/);
    expect(wecomText).toContain('Clause: P1');
    expect((wecom.messages[0]?.['text'] as { mentioned_mobile_list: string[] }).mentioned_mobile_list).toEqual(['13800000002']);
    // E-mail: the drafter is told of the rejection with its reason; the approver of the submission.
    const hrMail = mail.mails.find((m) => m.to === 'hr@example.test');
    const bossMail = mail.mails.find((m) => m.to === 'boss@example.test');
    expect(mailText(hrMail?.raw ?? '')).toContain('罚款金额需再确认');
    expect(mailText(bossMail?.raw ?? '')).toContain('Awaiting approval: policy sales-resource 1.2.0');
    expect(mailText(bossMail?.raw ?? '')).toContain('http://allot.test/policies/sales-resource/1.2.0');
    await until(async () => (await listDeliveries(h.admin, {})).filter((x) => x.target === 'notification').every((x) => x.status === 'delivered'), 10_000, 'the log');
    expect((await listDeliveries(h.admin, {})).filter((x) => x.target === 'notification')).toHaveLength(4);
  });

  it('tells the manager of an appeal filed and the rep of its decision, with the reason and a link', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const ding = await fakeRobot('dingtalk');
    const mail = await smtp();
    closers.push(ding.close, mail.close);
    await h.admin
      .insertInto('users')
      .values([
        { username: 'rep1', display_name: '李娜', role: 'rep', staff_id: 's1', password_hash: 'x' },
        { username: 'boss', display_name: 'Zhang Wei', role: 'approver', staff_id: null, password_hash: 'x' },
        { username: 'hr', display_name: '人事', role: 'editor', staff_id: null, password_hash: 'x' },
      ])
      .execute();
    await h.runtime.ingest([{ id: 'j1', type: 'staff.joined', at: at(0), staffId: 's1', role: 'rep' }, { id: 'late1', type: 'entry.late', at: at(5), staffId: 's1', form: 'abcd_table' }].map((x) => JSON.stringify(x)).join('\n'));
    // Channels made now get only what enters the outbox from now on: the appeal and its decision (the fine is told elsewhere).
    const now = new Date();
    const d = await createChannel(h.admin, { kind: 'dingtalk', name: '销售群', url: ding.url, secret: DING_SECRET }, 'admin', now);
    const e = await createChannel(h.admin, { kind: 'email', name: 'mail' }, 'admin', now);
    await setRecipient(h.admin, 'rep1', { channel: d.id, lang: 'zh', mobile: '13800000001' });
    await setRecipient(h.admin, 'boss', { channel: e.id, lang: 'en', email: 'boss@example.test' });
    await setRecipient(h.admin, 'hr', { channel: e.id, lang: 'zh', email: 'hr@example.test' });
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig({ smtp: { host: '127.0.0.1', port: mail.port, secure: false, from: 'allot <allot@example.test>' } }) });
    await h.runtime.ingest(JSON.stringify({ id: 'ap1', type: 'decision.appealed', at: at(60), decisionId: 'late1#1', staffId: 's1', reason: '系统当天故障' }));
    await until(() => mail.mails.some((m) => m.to === 'boss@example.test'), 30_000, 'the manager’s mail');
    const bossText = mailText(mail.mails.find((m) => m.to === 'boss@example.test')?.raw ?? '');
    expect(bossText).toContain('Appeal to decide: s1 appeals Fine 20.00 yuan (late1#1)');
    expect(bossText).toContain('Reason given: 系统当天故障');
    expect(bossText).toContain('Clause: F1');
    expect(bossText).toContain('http://allot.test/appeals');
    // Nobody else is told of the appeal: not the rep, not HR.
    expect(mail.mails.filter((m) => m.to === 'hr@example.test')).toEqual([]);
    expect(ding.messages).toEqual([]);
    await h.runtime.ingest(JSON.stringify({ id: 'ad1', type: 'appeal.decided', at: at(120), decisionId: 'late1#1', outcome: 'reduced', amountFen: 1000, by: 'boss', reason: '情有可原，减半' }));
    await until(() => ding.messages.length > 0, 30_000, 'the rep’s message');
    expect(ding.problems).toEqual([]);
    expect(ding.messages).toHaveLength(1);
    const repText = (ding.messages[0]?.['text'] as { content: string }).content;
    expect(repText).toContain('李娜');
    expect(repText).toContain('申诉部分成功：处罚减为 10.00 元 · 罚款 20.00 元 (late1#1)');
    expect(repText).toContain('boss 的决定理由：情有可原，减半');
    expect(repText).toContain('依据条款：F1');
    expect(repText).toContain('http://allot.test/me');
    const deliveries = (await listDeliveries(h.admin, {})).filter((x) => x.target === 'notification');
    expect(deliveries.map((x) => x.recipient).sort()).toEqual(['boss', 'rep1']);
  });

  it('fails a 钉钉 message whose signature the robot refuses, and retries it', { timeout: 30_000 }, async () => {
    h = await openHarness(backend);
    const ding = await fakeRobot('dingtalk');
    closers.push(ding.close);
    const d = await createChannel(h.admin, { kind: 'dingtalk', name: 'wrong key', url: ding.url, secret: 'SECwrong' }, 'admin', new Date());
    await h.admin.insertInto('users').values({ username: 'rep1', display_name: '李娜', role: 'rep', staff_id: 's1', password_hash: 'x' }).execute();
    await setRecipient(h.admin, 'rep1', { channel: d.id });
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig({ maxAttempts: 2 }) });
    await h.runtime.ingest([{ id: 'j1', type: 'staff.joined', at: at(0), staffId: 's1', role: 'rep' }, { id: 'late1', type: 'entry.late', at: at(5), staffId: 's1', form: 'abcd_table' }].map((x) => JSON.stringify(x)).join('\n'));
    await until(async () => (await listDeliveries(h.admin, { status: 'dead' })).length === 1, 20_000, 'the dead letter');
    const [dead] = await listDeliveries(h.admin, { status: 'dead' });
    expect(dead?.lastError).toContain('sign not match');
    expect(ding.problems).toEqual(['sign not match', 'sign not match']);
  });

});

describe('quiet hours', () => {
  it('holds messages during quiet hours (on the configured clock)', () => {
    const config = { quietHours: { from: 22, to: 8 }, quietZoneOffsetMinutes: 480 };
    // 23:30 in China → 08:00 the next morning.
    expect(afterQuietHours(new Date('2026-03-02T15:30:00Z'), config).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    // 07:59 → 08:00 the same morning; 08:00 and 21:59 are not quiet.
    expect(afterQuietHours(new Date('2026-03-02T23:59:00Z'), config).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(afterQuietHours(new Date('2026-03-03T00:00:00Z'), config).toISOString()).toBe('2026-03-03T00:00:00.000Z');
    expect(afterQuietHours(new Date('2026-03-03T13:59:00Z'), config).toISOString()).toBe('2026-03-03T13:59:00.000Z');
    expect(afterQuietHours(new Date('2026-03-03T14:00:00Z'), config).toISOString()).toBe('2026-03-04T00:00:00.000Z');
    // A daytime window (12–14) too.
    expect(afterQuietHours(new Date('2026-03-03T05:00:00Z'), { quietHours: { from: 12, to: 14 }, quietZoneOffsetMinutes: 480 }).toISOString()).toBe('2026-03-03T06:00:00.000Z');
  });
});
