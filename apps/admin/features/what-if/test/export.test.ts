/** The what-if workbook, read back as the run's numbers. */
import { readFileSync } from 'node:fs';
import readXlsxFile from 'read-excel-file/node';
import { policyHash, validatePolicy, zoneOf } from '@allot/engine';
import type { AllotEvent, AnyPolicy as Policy } from '@allot/engine';
import { toXlsx } from '@allot/sheets';
import { describe, expect, it } from 'vitest';
import { whatIfSheets } from '../export';
import { historyOf } from '../history';
import { METRICS, MONEY_METRICS } from '../metrics';
import { planRun, replayRun, resultOf } from '../run';

const root = new URL('../../../../../', import.meta.url);
const events = readFileSync(new URL('examples/history.jsonl', root), 'utf8').trim().split('\n').map((l) => JSON.parse(l) as AllotEvent);
const seed = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as { rules: Record<string, Record<string, unknown>> };
const policyOf = (content: unknown): Policy => {
  const v = validatePolicy(content);
  if (!v.ok) throw new Error(JSON.stringify(v.errors));
  return v.policy;
};
const fifty = structuredClone(seed);
(fifty.rules['F1'] as { fineFen: number }).fineFen = 5000;

describe('the what-if workbook', () => {
  it('reads back as the run’s numbers: totals (元 for money), period, mode, per week and per person', async () => {
    const planned = planRun(historyOf(events), {
      policyId: 'sales-resource',
      base: { version: '1.0.0', hash: policyHash(seed), policy: policyOf(seed) },
      candidate: { version: '1.1.0', hash: policyHash(fifty), policy: policyOf(fifty), edited: false },
      from: null,
      to: null,
      team: null,
      allocationsAsRecorded: true,
    });
    if (!planned.ok) throw new Error(planned.error);
    const result = resultOf(planned.run, await replayRun(planned.run), 0);
    // What the browser posts: the result as JSON.
    const posted = JSON.parse(JSON.stringify(result)) as typeof result;
    const sheets = await readXlsxFile(Buffer.from(await toXlsx(whatIfSheets(posted, 'zh'), zoneOf('Asia/Shanghai'))));
    expect(sheets.map((s) => s.sheet)).toEqual(['总计', '每周', '每人']);
    const [totals, weeks, people] = sheets.map((s) => s.data);
    const byLabel = new Map((totals ?? []).map((r) => [String(r[0]), r]));
    expect(byLabel.get('现行版本')?.[1]).toBe('1.0.0');
    expect(byLabel.get('分配方式')?.[1]).toBe('按实际记录的分配');
    expect(byLabel.get('决定数')?.slice(1, 3)).toEqual([result.decisions.base, result.decisions.candidate]);
    const fines = byLabel.get('罚款金额（元）');
    expect(fines?.slice(1)).toEqual([result.totals.base.finesFen / 100, result.totals.candidate.finesFen / 100, result.totals.delta.finesFen / 100]);
    expect(result.totals.delta.finesFen).toBeGreaterThan(0);
    expect(weeks).toHaveLength(result.weeks.length + 1);
    expect(weeks?.[1]?.[0]).toBe(result.weeks[0]?.week);
    expect(people).toHaveLength(result.people.length + 1);
    for (const [i, p] of result.people.entries()) {
      const row = people?.[i + 1] ?? [];
      expect(row[0]).toBe(p.staffId);
      for (const [j, m] of METRICS.entries()) {
        const scale = MONEY_METRICS.has(m) ? 100 : 1;
        expect(row.slice(5 + 3 * j, 8 + 3 * j), `${p.staffId} ${m}`).toEqual([p.base[m] / scale, p.candidate[m] / scale, p.delta[m] / scale]);
      }
    }
  });
});
