import { readFileSync } from 'node:fs';
import Papa from 'papaparse';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Route } from 'playwright-core';
import { api, REPO, signIn, startAdmin } from './admin-server.js';
import type { AdminServer } from './admin-server.js';
import { hasChromium, launchChromium, openSession, signInUi, step } from './browser.js';
import type { Session } from './browser.js';

/**
 * The what-if page in Chromium: HR drafts the 20元 → 50元 late-entry fines, a manager simulates
 * it over the demo history and sees the fines change by exactly the late entries × 30元 (counted
 * here from examples/history.jsonl, and checked against the decisions the runtime recorded);
 * opens one person; exports the CSV; cancels a run; edits the candidate in place and re-runs.
 */

const P = '/api/policies/sales-resource';
const DAY = 86_400_000;
let server: AdminServer;
let browser: Browser;
const sessions: Session[] = [];

// The demo history, read independently of the app.
type Row = { id: string; type: string; at: string; staffId?: string; form?: string; role?: string; level?: string; name?: string };
const events = readFileSync(`${REPO}/examples/history.jsonl`, 'utf8').trim().split('\n').map((l) => JSON.parse(l) as Row);
const last = Math.max(...events.map((e) => Date.parse(e.at)));
const from = last - 90 * DAY;
const late = events.filter((e) => e.type === 'entry.late' && Date.parse(e.at) >= from && Date.parse(e.at) <= last);
const staff = new Map(events.filter((e) => e.type === 'staff.joined').map((e) => [e.staffId ?? '', e]));
const lateOf = (id: string) => late.filter((e) => e.staffId === id).length;
const PHONE = /1[3-9]\d{9}/;

describe.skipIf(!hasChromium() && process.env['CI'] === undefined)('what-if simulation in Chromium', () => {
  beforeAll(async () => {
    server = await startAdmin();
    browser = await launchChromium();
  }, 300_000);
  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  it('a manager simulates the 50元 draft: fines change by late entries × 30元; one person; CSV; cancel; edit in place', async () => {
    const base = server.baseUrl;
    expect(late.length).toBeGreaterThan(0);

    // HR drafts 50元 for both late-entry fines through the HTTP API.
    const hr = await signIn(base, 'hr');
    const created = await api(base, hr, 'POST', `${P}/drafts`, { from: '1.0.0' });
    expect(created.status).toBe(200);
    const version = (created.body['version'] as { version: string }).version;
    const read = async () => {
      const r = await api(base, hr, 'GET', `${P}/versions/${version}`);
      return { revision: (r.body['version'] as { revision: number }).revision, content: r.body['content'] as { rules: { F1: { fineFen: number }; F2: { fineFen: number } } } };
    };
    const draft = await read();
    draft.content.rules.F1.fineFen = 5000;
    draft.content.rules.F2.fineFen = 5000;
    expect((await api(base, hr, 'PUT', `${P}/versions/${version}`, { content: draft.content, revision: draft.revision })).status).toBe(200);
    const saved = await read();

    // The runtime recorded exactly these late-entry fines in the period (a second, independent count).
    const auditor = await signIn(base, 'auditor');
    const recorded: { at: string; reason: string; amountFen: number }[] = [];
    for (let after = 0; ; ) {
      const page = await api(base, auditor, 'GET', `/api/decisions?kind=staff.fined&limit=500${after > 0 ? `&after=${after}` : ''}`);
      const items = page.body['items'] as { seq: number; decision: { at: string; reason: string; amountFen: number } }[];
      recorded.push(...items.map((i) => i.decision));
      const next = page.body['next'] as number | null;
      if (next === null || items.length === 0) break;
      after = next;
    }
    const recordedLate = recorded.filter((d) => d.reason !== 'late_follow_up' && Date.parse(d.at) >= from && Date.parse(d.at) <= last);
    expect(recordedLate.length).toBe(late.length);
    expect(recordedLate.every((d) => d.amountFen === 2000)).toBe(true);

    const manager = await openSession(browser);
    sessions.push(manager);
    const m = manager.page;
    const result = m.locator('[data-testid=whatif-result]');
    // Runs started so far: each result carries the number of its run, so a stale one is never read.
    let runs = 0;
    const run = async () => {
      await m.click('[data-testid=whatif-run]');
      runs++;
      await m.waitForSelector(`[data-testid=whatif-result][data-run="${runs}"]`);
    };
    const delta = async (metric: string) => Number(await m.getAttribute(`[data-testid=whatif-delta-${metric}]`, 'data-value'));

    await step('manager-runs-the-draft', [manager], async () => {
      await signInUi(m, base, 'manager');
      await m.goto(`${base}/what-if`);
      await m.selectOption('[data-testid=whatif-base]', '1.0.0');
      await m.selectOption('[data-testid=whatif-candidate]', version);
      expect(await m.isChecked('[data-testid=whatif-as-recorded]')).toBe(true);
      await run();
      expect(await result.getAttribute('data-period-from')).toBe(new Date(from).toISOString());
      expect(await result.getAttribute('data-period-to')).toBe(new Date(last).toISOString());
      expect(await delta('finesFen')).toBe(late.length * 3000);
      expect(await m.textContent('[data-testid=whatif-delta-finesFen]')).toBe(`+${(late.length * 30).toLocaleString('en-US')}`);
      expect(await delta('fines')).toBe(0);
      expect(await delta('allocationsBlocked')).toBe(0);
      // Progress was reported: the start, several progress reports, the result.
      expect(Number(await m.getAttribute('[data-testid=whatif-progress]', 'data-updates'))).toBeGreaterThan(3);
      expect(await m.locator('[data-testid=whatif-chart] .recharts-surface').count()).toBeGreaterThan(0);
      const rows = await m.locator('[data-testid=whatif-person-row]').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-staff-id')));
      expect(rows.sort()).toEqual([...new Set(late.map((e) => e.staffId))].sort());
      expect(PHONE.test(await m.innerText('main'))).toBe(false);
    });

    const someone = [...new Set(late.map((e) => e.staffId ?? ''))].sort((a, b) => lateOf(b) - lateOf(a) || (a < b ? -1 : 1))[0] ?? '';
    const n = lateOf(someone);
    await step('manager-opens-one-person', [manager], async () => {
      await m.click(`[data-testid=whatif-person-row][data-staff-id=${someone}]`);
      await m.waitForSelector(`[data-testid=whatif-person-detail][data-staff-id=${someone}][data-loaded=true]`);
      const fines = (side: string) => m.locator(`[data-testid=whatif-detail-${side}] [data-testid=whatif-decision][data-kind="staff.fined"]`);
      expect(await fines('base').count()).toBe(n);
      expect(await fines('candidate').count()).toBe(n);
      expect(await fines('base').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-amount-fen')))).toEqual(Array(n).fill('2000'));
      expect(await fines('candidate').evaluateAll((trs) => trs.map((tr) => tr.getAttribute('data-status') + ':' + tr.getAttribute('data-amount-fen')))).toEqual(Array(n).fill('changed:5000'));
      expect(await fines('base').first().locator('[data-testid=whatif-explain]').innerText()).toContain('扣罚 20.00 元');
      expect(await fines('candidate').first().locator('[data-testid=whatif-explain]').innerText()).toContain('扣罚 50.00 元');
      expect(await fines('candidate').first().locator('[data-testid=whatif-explain-other]').innerText()).toContain('fined 50.00 yuan');
    });

    await step('manager-exports-the-csv', [manager], async () => {
      const [download] = await Promise.all([m.waitForEvent('download'), m.click('[data-testid=whatif-export]')]);
      expect(download.suggestedFilename()).toBe(`what-if-sales-resource-1.0.0-vs-${version}.csv`);
      const csv = readFileSync(await download.path(), 'utf8');
      expect(csv.startsWith('\ufeffstaffId,name,role,level,differingDecisions,finesYuan_base,')).toBe(true);
      const parsed = Papa.parse<Record<string, string>>(csv.slice(1), { header: true, skipEmptyLines: true });
      expect(parsed.errors).toEqual([]);
      expect(parsed.data.length).toBe(new Set(late.map((e) => e.staffId)).size);
      const row = parsed.data.find((r) => r['staffId'] === someone);
      expect(row).toMatchObject({ name: staff.get(someone)?.name ?? '', finesYuan_base: String(n * 20), finesYuan_candidate: String(n * 50), finesYuan_delta: String(n * 30), fines_delta: '0' });
      expect(parsed.data.reduce((sum, r) => sum + Number(r['finesYuan_delta']), 0)).toBe(late.length * 30);
      expect(PHONE.test(csv)).toBe(false);
    });

    await step('manager-cancels-a-run', [manager], async () => {
      // Hold the request so the run is still going when Cancel is pressed (no timing involved).
      let held: Route | null = null;
      await m.route('**/api/what-if/jobs', (route) => {
        held = route;
      });
      await m.click('[data-testid=whatif-run]');
      runs++;
      await m.waitForSelector('[data-testid=whatif-progress][data-state=running]');
      expect(await result.count()).toBe(0);
      await m.click('[data-testid=whatif-cancel]');
      await m.waitForSelector('[data-testid=whatif-progress][data-state=cancelled]');
      expect(await m.textContent('[data-testid=whatif-progress]')).toContain('已取消');
      expect(await result.count()).toBe(0);
      expect(await m.isEnabled('[data-testid=whatif-run]')).toBe(true);
      await m.unroute('**/api/what-if/jobs');
      await (held as Route | null)?.abort().catch(() => undefined);
    });

    await step('manager-edits-the-candidate-in-place', [manager], async () => {
      await m.click('[data-testid=whatif-edit-toggle]');
      await m.fill('[data-testid="field-rules.F1.fineFen"]', '100');
      await m.waitForSelector('[data-testid=whatif-edited]');
      await run();
      expect(await result.getAttribute('data-edited')).toBe('true');
      const abcd = late.filter((e) => e.form === 'abcd_table').length;
      expect(await delta('finesFen')).toBe(abcd * 8000 + (late.length - abcd) * 3000);
      // Nothing was saved.
      const after = await read();
      expect(after.revision).toBe(saved.revision);
      expect(after.content.rules.F1.fineFen).toBe(5000);
      await m.click('[data-testid=whatif-discard]');
      await m.waitForSelector('[data-testid=whatif-edited]', { state: 'detached' });
    });

    await step('manager-runs-for-a-team', [manager], async () => {
      await m.selectOption('[data-testid=whatif-team]', 'level:B');
      await run();
      const isB = (id: string | undefined) => staff.get(id ?? '')?.role === 'rep' && staff.get(id ?? '')?.level === 'B';
      expect(await delta('finesFen')).toBe(late.filter((e) => isB(e.staffId)).length * 3000);
    });

    expect(manager.errors).toEqual([]);
  }, 240_000);
});
