import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseEvents, policyHash, simulate, validatePolicy } from '@allot/engine';
import type { Decision } from '@allot/engine';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { api, REPO, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * The audit flow in Chromium: an auditor searches for a fine of one staff member, opens
 * it, sees the policy version (1.0.0 and its hash) and the cause events, runs Verify and sees it
 * pass. The expectations come from the engine run directly on the seed policy and the example
 * history, not from the app. Then Verify's answer over HTTP.
 */

const policyJson = JSON.parse(readFileSync(join(REPO, 'policies', 'sales-resource', '1.0.0.json'), 'utf8')) as unknown;
const checked = validatePolicy(policyJson);
if (!checked.ok) throw new Error('the seed policy is invalid');
const SEED_HASH = policyHash(checked.policy);
const historyText = readFileSync(join(REPO, 'examples', 'history.jsonl'), 'utf8');
const history = parseEvents(historyText).events;
const decisions: Decision[] = simulate(checked.policy, history);
// The first fine of the history and every fine of that member.
const fine = decisions.find((d) => d.kind === 'staff.fined') as Extract<Decision, { kind: 'staff.fined' }>;
const finesOfMember = decisions.filter((d) => d.kind === 'staff.fined' && d.staffId === fine.staffId);

let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('audit explorer in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 600_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('an auditor finds a fine, sees its policy version, hash and cause events, and verifies the record', async () => {
    const base = server.baseUrl;
    const s = await openSession(browser);
    sessions.push(s);
    const { page } = s;

    await step('auditor-signs-in', sessions, async () => {
      await signInUi(page, base, 'auditor');
      await page.goto(`${base}/audit`);
      await page.waitForSelector('[data-testid=audit-search]');
    });

    await step('auditor-searches', sessions, async () => {
      await page.fill('[data-testid=filter-staff]', fine.staffId);
      await page.selectOption('[data-testid=filter-kind]', 'staff.fined');
      await Promise.all([page.waitForURL(/\/audit\?.*kind=staff\.fined/), page.click('[data-testid=audit-search-submit]')]);
      await page.waitForSelector('[data-testid=audit-results]');
      const ids = await page.$$eval('[data-testid=audit-results] tbody tr', (rows) => rows.map((r) => r.getAttribute('data-decision-id')));
      // Newest first.
      expect(ids).toEqual(finesOfMember.map((d) => d.id).reverse());
    });

    await step('auditor-opens-the-fine', sessions, async () => {
      await Promise.all([page.waitForURL('**/audit/decisions/**'), page.click(`[data-decision-id="${fine.id}"] [data-testid=open-decision]`)]);
      await page.waitForSelector('[data-testid=decision-policy]');
      expect(await page.textContent('[data-testid=decision-kind]')).toContain('staff.fined');
      expect(await page.textContent('[data-field=amountFen]')).toContain(String(fine.amountFen / 100));
      expect(await page.textContent('[data-testid=explain-zh]')).toBe(fine.explain.zh);
      expect(await page.textContent('[data-testid=explain-en]')).toBe(fine.explain.en);
    });

    await step('auditor-sees-version-and-hash', sessions, async () => {
      expect((await page.textContent('[data-testid=policy-version]'))?.trim()).toBe('1.0.0');
      expect(await page.getAttribute('[data-testid=policy-version]', 'href')).toBe('/policies/sales-resource/1.0.0');
      expect((await page.textContent('[data-testid=policy-hash]'))?.trim()).toBe(SEED_HASH);
      expect(await page.getAttribute('[data-testid=policy-hash-check]', 'data-ok')).toBe('true');
      const rule = (checked.policy.rules as unknown as Record<string, { clause: { quote: string } }>)[fine.rule];
      expect(await page.textContent('[data-testid=clause-quote]')).toBe(rule?.clause.quote);
    });

    await step('auditor-sees-cause-events', sessions, async () => {
      const causes = await page.$$eval('[data-testid=cause-event]', (els) => els.map((e) => ({ id: e.getAttribute('data-event-id'), text: e.querySelector('pre')?.textContent ?? '' })));
      expect(causes.map((c) => c.id)).toEqual(fine.cause);
      for (const c of causes) {
        const event = history.find((e) => e.id === c.id);
        expect(JSON.parse(c.text)).toEqual(event);
      }
      await page.waitForSelector('[data-testid=downstream]');
    });

    await step('auditor-verifies', sessions, async () => {
      await page.goto(`${base}/audit`);
      await page.click('[data-testid=verify-run]');
      await page.waitForSelector('[data-testid=verify-result]', { timeout: 180_000 });
      expect(await page.getAttribute('[data-testid=verify-result]', 'data-ok')).toBe('true');
      expect(await page.textContent('[data-testid=verify-summary]')).toContain('通过');
      // The whole record: from the first event, no snapshot trusted.
      expect(await page.textContent('[data-testid=verify-start]')).toContain('从第一个事件开始核验');
    });

    expect(s.errors).toEqual([]);
  }, 600_000);

  it("Verify's answer over HTTP: pass, counts, the period's seq range; bad periods refused", async () => {
    const base = server.baseUrl;
    const auditor = await signIn(base, 'auditor');
    const lo = Date.parse('2026-02-01T00:00:00+08:00');
    const hi = Date.parse('2026-03-01T00:00:00+08:00');
    const inFeb = decisions.filter((d) => Date.parse(d.at) >= lo && Date.parse(d.at) < hi);

    // The record as the explorer lists it, oldest first.
    const seqs: number[] = [];
    const febSeqs: number[] = [];
    for (let cursor: number | null = 0; cursor !== null; ) {
      const res = await api(base, auditor, 'GET', `/api/audit/decisions?order=asc&limit=500&cursor=${cursor}`);
      expect(res.status).toBe(200);
      const items = res.body['items'] as { seq: number; decision: Decision }[];
      for (const i of items) {
        seqs.push(i.seq);
        if (Date.parse(i.decision.at) >= lo && Date.parse(i.decision.at) < hi) febSeqs.push(i.seq);
      }
      cursor = res.body['next'] as number | null;
    }
    expect(febSeqs.length).toBe(inFeb.length);

    const res = await api(base, auditor, 'POST', '/api/audit/verify', { from: '2026-02-01', to: '2026-02-28' });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      ok: true,
      mismatchCount: 0,
      mismatches: [],
      snapshot: null,
      decisionsInPeriod: inFeb.length,
      range: { fromSeq: febSeqs[0], toSeq: febSeqs[febSeqs.length - 1] },
      period: { from: new Date(lo).toISOString(), to: new Date(hi).toISOString() },
    });
    expect((res.body['head'] as { decisionSeq: number }).decisionSeq).toBe(seqs[seqs.length - 1]);
    // February is short of the head: the replay stops after the op of its last decision.
    expect(res.body['checked']).toBeGreaterThanOrEqual(febSeqs[febSeqs.length - 1] ?? 0);
    expect(res.body['checked']).toBeLessThan(seqs.length);
    expect(res.body['events']).toBeGreaterThan(0);
    expect(res.body['events']).toBeLessThan(history.length);

    const whole = await api(base, auditor, 'POST', '/api/audit/verify', {});
    expect(whole.body).toMatchObject({ ok: true, decisionsInPeriod: seqs.length, range: { fromSeq: seqs[0], toSeq: seqs[seqs.length - 1] }, snapshot: null, events: history.length, checked: seqs.length });
    const empty = await api(base, auditor, 'POST', '/api/audit/verify', { from: '2030-01-01' });
    expect(empty.body).toMatchObject({ ok: true, decisionsInPeriod: 0, range: null });
    expect((await api(base, auditor, 'POST', '/api/audit/verify', { from: '2026-03-01', to: '2026-02-01' })).status).toBe(400);
    expect((await api(base, auditor, 'POST', '/api/audit/verify', { from: '2026-02-30' })).status).toBe(400);

    // The decision as the explorer's JSON.
    const detail = await api(base, auditor, 'GET', `/api/audit/decisions/${encodeURIComponent(fine.id)}`);
    expect(detail.status).toBe(200);
    expect(detail.body).toMatchObject({ decision: { id: fine.id }, policy: { version: '1.0.0', hash: SEED_HASH, hashOk: true } });
    expect((detail.body['causes'] as { event: { id: string } }[]).map((c) => c.event.id)).toEqual(fine.cause);
  }, 300_000);
});
