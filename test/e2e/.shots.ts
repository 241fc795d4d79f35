import { api, signIn, startAdmin } from './admin-server.js';
import { launchChromium, signInUi } from './browser.js';

const P = '/api/policies/sales-resource';
const server = await startAdmin();
const base = server.baseUrl;
const browser = await launchChromium();
try {
  const hr = await signIn(base, 'hr');
  const mgr = await signIn(base, 'manager');
  const rev = async (v: string) => ((await api(base, hr, 'GET', `${P}/versions/${v}`)).body['version'] as { revision: number }).revision;
  const mk = async (from: string, f1: number, submit = true) => {
    const v = ((await api(base, hr, 'POST', `${P}/drafts`, { from })).body['version'] as { version: string }).version;
    const c = (await api(base, hr, 'GET', `${P}/versions/${v}`)).body['content'] as { rules: { F1: { fineFen: number } } };
    c.rules.F1.fineFen = f1;
    await api(base, hr, 'PUT', `${P}/versions/${v}`, { content: c, revision: await rev(v) });
    if (submit) await api(base, hr, 'POST', `${P}/versions/${v}/submit`, { note: 'F1', revision: await rev(v) });
    return v;
  };
  const a = await mk('1.0.0', 3000);
  await api(base, mgr, 'POST', `${P}/versions/${a}/approve`, { comment: 'ok', revision: await rev(a) });
  await api(base, mgr, 'POST', `${P}/versions/${a}/publish`, { revision: await rev(a) });
  const b = await mk(a, 5000);
  await api(base, mgr, 'POST', `${P}/versions/${b}/approve`, { comment: 'ok', revision: await rev(b) });
  await api(base, mgr, 'POST', `${P}/versions/${b}/publish`, { effectiveFrom: '2026-12-07T09:00:00+08:00', revision: await rev(b) });
  const c = await mk('1.0.0', 8000);
  for (const [w, h] of [[1440, 900], [390, 844]] as const) {
    const ctx = await browser.newContext({ locale: 'zh-CN', viewport: { width: w, height: h }, timezoneId: 'UTC' });
    const p = await ctx.newPage();
    await signInUi(p, base, 'manager');
    await p.goto(`${base}/policies`);
    await p.screenshot({ path: `/tmp/h14shots/policies-${w}.png`, fullPage: true });
    await p.goto(`${base}/policies/sales-resource/${c}`);
    await p.waitForSelector('[data-testid=approval-impact]');
    await p.screenshot({ path: `/tmp/h14shots/approval-${w}.png`, fullPage: true });
    await p.fill('[data-testid=approve-comment]', '同意');
    await p.click('[data-testid=approve-button]');
    await p.waitForSelector('[data-testid=publish-button]');
    await p.check('[data-testid=publish-scheduled]');
    await p.fill('[data-testid=publish-at]', '2026-12-20T09:00');
    await p.click('[data-testid=publish-button]');
    await p.waitForSelector('[data-testid=publish-confirm]');
    await p.locator('[data-testid=workflow-panel]').screenshot({ path: `/tmp/h14shots/confirm-${w}.png` });
    await p.click('[data-testid=publish-back]');
    await p.goto(`${base}/policies/sales-resource/${a}`);
    await p.screenshot({ path: `/tmp/h14shots/inforce-${w}.png`, fullPage: true });
    await p.goto(`${base}/inbox`);
    await p.screenshot({ path: `/tmp/h14shots/inbox-${w}.png`, fullPage: true });
    // un-approve is not possible; later widths reuse the now approved version
    await ctx.close();
    break;
  }
  const ctx2 = await browser.newContext({ locale: 'zh-CN', viewport: { width: 390, height: 844 } });
  const p2 = await ctx2.newPage();
  await signInUi(p2, base, 'manager');
  await p2.goto(`${base}/policies`);
  await p2.screenshot({ path: `/tmp/h14shots/policies-390.png`, fullPage: true });
  await p2.goto(`${base}/policies/sales-resource/${c}`);
  await p2.check('[data-testid=publish-scheduled]');
  await p2.fill('[data-testid=publish-at]', '2026-12-20T09:00');
  await p2.click('[data-testid=publish-button]');
  await p2.screenshot({ path: `/tmp/h14shots/approval-390.png`, fullPage: true });
  await p2.goto(`${base}/policies/sales-resource/${a}`);
  await p2.screenshot({ path: `/tmp/h14shots/inforce-390.png`, fullPage: true });
} finally {
  await browser.close();
  await server.stop();
}
