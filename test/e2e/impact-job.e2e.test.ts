import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser } from 'playwright-core';
import { api, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * A version page over a log large enough to hold snapshots (here: the demo history with the
 * runtime's first snapshot after 500 ops) never waits on a replay: its first view shows the
 * impact's what-if job and its progress, then the impact itself once the job has cached the
 * replays — the same numbers as the what-if over the same question.
 */

const P = '/api/policies/sales-resource';
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('the impact of a version as a job', () => {
  beforeAll(async () => {
    server = await startAdmin({ ALLOT_SNAPSHOT_EVERY: '500' });
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    for (const s of sessions) await s.context.close().catch(() => undefined);
    await browser?.close();
    await server?.stop();
  });

  it('shows the job, then the impact', async () => {
    const base = server.baseUrl;
    const hr = await signIn(base, 'hr');
    const created = await api(base, hr, 'POST', `${P}/drafts`, { from: '1.0.0' });
    expect(created.status).toBe(200);
    const v = (created.body['version'] as { version: string }).version;
    const read = await api(base, hr, 'GET', `${P}/versions/${v}`);
    const content = read.body['content'] as { rules: { F1: { fineFen: number } } };
    content.rules.F1.fineFen = 5000;
    const revision = (read.body['version'] as { revision: number }).revision;
    expect((await api(base, hr, 'PUT', `${P}/versions/${v}`, { content, revision })).status).toBe(200);

    const session = await openSession(browser, 'zh-CN');
    sessions.push(session);
    const page = session.page;
    await signInUi(page, base, 'hr');
    await step('the first view: the job and its progress', [session], async () => {
      await page.goto(`${base}/policies/sales-resource/${v}`);
      await page.waitForSelector('[data-testid=impact-pending]');
      expect(await page.textContent('[data-testid=impact-pending]')).toContain('正在后台重放历史');
    });
    await step('then the impact, without a reload by hand', [session], async () => {
      await page.waitForSelector('[data-testid=approval-impact]', { timeout: 120_000 });
      expect(Number(await page.getAttribute('[data-testid=approval-impact]', 'data-differing'))).toBeGreaterThan(0);
      expect(await page.$('[data-testid=impact-pending]')).toBeNull();
    });
    // The API answers the same question synchronously, with the same numbers.
    const api1 = await api(base, hr, 'GET', `${P}/versions/${v}/impact`);
    const differing = (api1.body['impact'] as { result: { decisions: { differing: number } } }).result.decisions.differing;
    expect(Number(await page.getAttribute('[data-testid=approval-impact]', 'data-differing'))).toBe(differing);
  }, 240_000);
});
