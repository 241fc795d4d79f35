import { createHmac } from 'node:crypto';
import { createServer } from 'node:http';
import type { IncomingMessage, Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { Webhook } from 'standardwebhooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, SCREENSHOTS, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * The integrations page in a real browser: an administrator adds a webhook endpoint (its secret
 * shown once) and a 钉钉 robot, sends a test event and reads the delivery log; then a late-entry
 * event posted through /api/v1 reaches the endpoint as a signed webhook (verified with
 * standardwebhooks) and the robot (its `sign` checked) with a message naming the fine and the clause.
 * On the users page, the administrator sets a person's channel, language, e-mail and mobile: a bad
 * field is refused and named, the good values are kept after a reload.
 */

const DING_SECRET = 'SECe2e0123456789abcdef0123456789abcdef0123456789abcdef012345678';
let server: AdminServer;
let browser: Browser;
let hooks: Server;
let robot: Server;
const sessions: Session[] = [];
const webhooks: { id: string; body: string; verified: boolean }[] = [];
const robotMessages: { content: string; atMobiles: unknown; signOk: boolean }[] = [];
let secret = '';

const listen = async (s: Server): Promise<number> => {
  await new Promise<void>((resolve) => s.listen(0, '127.0.0.1', () => resolve()));
  return (s.address() as AddressInfo).port;
};
const readBody = (req: IncomingMessage): Promise<string> =>
  new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
  });
const until = async (check: () => boolean, ms: number, what: string): Promise<void> => {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
};

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('the integrations page in Chromium', () => {
  beforeAll(async () => {
    hooks = createServer((req, res) => {
      void readBody(req).then((body) => {
        let verified = false;
        try {
          new Webhook(secret).verify(body, req.headers as Record<string, string>);
          verified = true;
        } catch {
          verified = false;
        }
        webhooks.push({ id: String(req.headers['webhook-id']), body, verified });
        res.writeHead(verified ? 204 : 401).end();
      });
    });
    robot = createServer((req, res) => {
      void readBody(req).then((body) => {
        const url = new URL(req.url ?? '/', 'http://x');
        const ts = url.searchParams.get('timestamp') ?? '';
        const signOk = url.searchParams.get('sign') === createHmac('sha256', DING_SECRET).update(`${ts}\n${DING_SECRET}`).digest('base64');
        const m = JSON.parse(body) as { msgtype: string; text: { content: string }; at: { atMobiles: unknown } };
        robotMessages.push({ content: m.text.content, atMobiles: m.at.atMobiles, signOk });
        res.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(signOk ? { errcode: 0, errmsg: 'ok' } : { errcode: 310000, errmsg: 'sign not match' }));
      });
    });
    process.env['ALLOT_OUTBOUND_POLL_MS'] = '100';
    process.env['ALLOT_OUTBOUND_BACKOFF_BASE_MS'] = '100';
    process.env['ALLOT_NOTIFY_BATCH_MS'] = '0';
    process.env['ALLOT_NOTIFY_QUIET_HOURS'] = '0-0';
    process.env['ALLOT_PUBLIC_URL'] = 'http://allot.example';
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
    hooks?.close();
    robot?.close();
  });

  it('an administrator adds an endpoint and a 钉钉 robot; a late entry through the API arrives signed at both', { timeout: 180_000 }, async () => {
    const base = server.baseUrl;
    const hooksUrl = `http://127.0.0.1:${await listen(hooks)}/allot`;
    const robotUrl = `http://127.0.0.1:${await listen(robot)}/robot/send?access_token=e2e`;
    const admin = await openSession(browser);
    sessions.push(admin);
    const { page } = admin;

    await step('admin-adds-endpoint', sessions, async () => {
      await page.goto(`${base}/sign-in`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', 'allot-demo');
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.click('[data-testid=sign-in-submit]')]);
      await Promise.all([page.waitForURL('**/integrations'), page.click('header a[href="/integrations"]')]);
      await page.fill('[data-testid=endpoint-name]', 'CRM');
      await page.fill('[data-testid=endpoint-url]', hooksUrl);
      await page.fill('[data-testid=endpoint-kinds]', 'staff.fined');
      await page.click('[data-testid=endpoint-create]');
      secret = (await page.locator('[data-testid=endpoint-secret]').textContent({ timeout: 15_000 })) ?? '';
      expect(secret).toMatch(/^whsec_/);
      await page.locator('[data-testid=endpoints] tbody tr').first().waitFor();
      expect(await page.locator('[data-testid=endpoints] tbody tr').count()).toBe(1);
    });

    await step('admin-adds-dingtalk-robot', sessions, async () => {
      await page.selectOption('[data-testid=channel-kind]', 'dingtalk');
      await page.fill('[data-testid=channel-name]', '销售一组');
      await page.fill('[data-testid=channel-url]', robotUrl);
      await page.fill('[data-testid=channel-secret]', DING_SECRET);
      await page.click('[data-testid=channel-create]');
      await page.locator('[data-testid=channels] tbody tr').first().waitFor({ timeout: 15_000 });
    });

    await step('admin-sends-test-event', sessions, async () => {
      await page.click('[data-testid=send-test]');
      await until(() => webhooks.some((w) => w.verified && JSON.parse(w.body).type === 'test'), 30_000, 'the test event');
      await page.reload();
      await page.locator('[data-testid=delivery-row][data-status=delivered]').first().waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid=deliveries]').textContent()).toContain('204');
    });

    // rep1 (staff s0006) is told on the robot; a late ABCD table entry is posted through /api/v1.
    const cookie = await signIn(base, 'admin');
    const channels = (await api(base, cookie, 'GET', '/api/integrations/channels')).body['channels'] as { id: string }[];
    expect((await api(base, cookie, 'PATCH', '/api/integrations/recipients/rep1', { channel: channels[0]?.id, lang: 'zh', mobile: '13900000006' })).status).toBe(200);
    const token = (await api(base, cookie, 'POST', '/api/tokens', { name: 'crm', scopes: 'read write' })).body['secret'] as string;
    const at = new Date(Date.now() - 60_000).toISOString().replace(/\.\d{3}Z$/, '+00:00');
    const posted = await fetch(`${base}/api/v1/events`, { method: 'POST', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: JSON.stringify([{ id: 'e2e-late-1', type: 'entry.late', at, staffId: 's0006', form: 'abcd_table' }]) });
    expect(posted.status).toBe(200);

    await step('webhook-and-robot-arrive', sessions, async () => {
      await until(() => webhooks.some((w) => w.verified && JSON.parse(w.body).type === 'decision.staff.fined') && robotMessages.length > 0, 60_000, 'the webhook and the robot message');
      const fined = webhooks.find((w) => JSON.parse(w.body).type === 'decision.staff.fined');
      const data = (JSON.parse(fined?.body ?? '{}') as { data: { id: string; staffId: string; amountFen: number; rule: string; policy: { id: string; version: string; hash: string }; cause: string[] } }).data;
      expect(fined?.id).toBe(data.id);
      expect(data).toMatchObject({ staffId: 's0006', rule: 'F1', cause: ['e2e-late-1'], policy: { id: 'sales-resource' } });
      const message = robotMessages.find((m) => m.content.includes('依据条款：F1'));
      expect(message?.signOk).toBe(true);
      expect(message?.content).toContain('罚款');
      expect(message?.content).toContain('依据条款：F1');
      expect(message?.content).toContain(`http://allot.example/audit/decisions/${encodeURIComponent(data.id)}`);
      expect(message?.atMobiles).toEqual(['13900000006']);
    });

    await step('delivery-log-screenshots', sessions, async () => {
      await page.reload();
      await page.locator('[data-testid=delivery-row]').nth(2).waitFor({ timeout: 15_000 });
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: join(SCREENSHOTS, 'integrations-1440.png'), fullPage: true });
      await page.setViewportSize({ width: 390, height: 844 });
      await page.screenshot({ path: join(SCREENSHOTS, 'integrations-390.png'), fullPage: true });
    });
    expect(admin.errors).toEqual([]);
  });

  it('an administrator sets a person’s channel, language, e-mail and mobile on the users page; they are kept after a reload', { timeout: 120_000 }, async () => {
    const base = server.baseUrl;
    const cookie = await signIn(base, 'admin');
    const created = await api(base, cookie, 'POST', '/api/integrations/channels', { kind: 'email', name: '公司邮箱' });
    expect(created.status).toBe(201);
    const channelId = (created.body['channel'] as { id: string }).id;
    expect(channelId).toMatch(/^ch_/);
    const admin = await openSession(browser);
    sessions.push(admin);
    const { page } = admin;

    await step('users-recipient-refused', sessions, async () => {
      await page.goto(`${base}/sign-in`);
      await page.fill('input[name=username]', 'admin');
      await page.fill('input[name=password]', 'allot-demo');
      await Promise.all([page.waitForURL((u) => !u.pathname.startsWith('/sign-in')), page.click('[data-testid=sign-in-submit]')]);
      await page.goto(`${base}/users`);
      await page.locator('[data-testid=notify-row-manager]').waitFor({ timeout: 15_000 });
      await page.selectOption('[data-testid=notify-channel-manager]', channelId);
      await page.selectOption('[data-testid=notify-lang-manager]', 'en');
      await page.fill('[data-testid=notify-email-manager]', 'manager-at-example');
      await page.click('[data-testid=notify-save-manager]');
      const error = page.locator('[data-testid=notify-error-manager]');
      await error.waitFor({ timeout: 15_000 });
      expect(await error.getAttribute('data-field')).toBe('email');
      expect(await error.textContent()).toContain('电子邮件：电子邮件地址不正确');
      expect(await page.locator('[data-testid=notify-email-manager]').getAttribute('aria-invalid')).toBe('true');
    });

    await step('users-recipient-saved', sessions, async () => {
      await page.fill('[data-testid=notify-email-manager]', 'manager@example.test');
      await page.fill('[data-testid=notify-mobile-manager]', '139 0000 0022');
      await page.click('[data-testid=notify-save-manager]');
      await page.locator('[data-testid=notify-saved-manager]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid=notify-error-manager]').count()).toBe(0);
    });

    await step('users-recipient-kept', sessions, async () => {
      await page.reload();
      await page.locator('[data-testid=notify-row-manager]').waitFor({ timeout: 15_000 });
      expect(await page.locator('[data-testid=notify-channel-manager]').inputValue()).toBe(channelId);
      expect(await page.locator('[data-testid=notify-lang-manager]').inputValue()).toBe('en');
      expect(await page.locator('[data-testid=notify-email-manager]').inputValue()).toBe('manager@example.test');
      expect(await page.locator('[data-testid=notify-mobile-manager]').inputValue()).toBe('13900000022');
      // Another person's form is untouched.
      expect(await page.locator('[data-testid=notify-email-hr]').inputValue()).toBe('');
      mkdirSync(SCREENSHOTS, { recursive: true });
      await page.setViewportSize({ width: 1440, height: 900 });
      await page.screenshot({ path: join(SCREENSHOTS, 'users-notifications-1440.png'), fullPage: true });
    });
    // The refusal above is the only failed request (the browser logs its 400).
    expect(admin.errors.filter((e) => !e.includes('400 (Bad Request)') || !e.includes('/api/integrations/recipients/manager'))).toEqual([]);
    expect(admin.errors).toHaveLength(1);
  });
});
