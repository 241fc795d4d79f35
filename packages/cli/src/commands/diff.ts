import { simulate, whatIf } from '@allot/engine';
import type { AllotEvent, WhatIfReport } from '@allot/engine';
import { EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { change, formatYuan, groupDigits, renderTable, signed } from '../format.js';
import { COMPANY_METRICS, staffLabel } from '../labels.js';
import type { LoadedPolicy } from '../load-files.js';
import { defaultPolicyFile, loadEvents, loadPolicy } from '../load-files.js';
import { USAGE, parseCommand, requireFlag, stringFlag, untilFlag } from '../usage.js';

/** Names from `staff.joined` (the latest wins), for readable rows. */
export function staffNames(events: readonly AllotEvent[]): Map<string, string> {
  const names = new Map<string, string>();
  for (const e of events) if (e.type === 'staff.joined' && e.name !== undefined) names.set(e.staffId, e.name);
  return names;
}

const policyLine = (label: string, p: LoadedPolicy): string => `${label}: ${p.policy.id} ${p.policy.version} ${p.hash} (${p.file})`;

/** The readable what-if report: headline, company totals, then one row per affected member. */
export function renderDiff(report: WhatIfReport, base: LoadedPolicy, candidate: LoadedPolicy, names: ReadonlyMap<string, string>): string[] {
  const { company, counts } = report;
  const lines = [
    policyLine('基准 base     ', base),
    policyLine('草案 candidate', candidate),
    `决定 decisions: ${groupDigits(counts.base)} → ${groupDigits(counts.candidate)}; ` +
      `相同 same ${groupDigits(counts.same)}, 新增 appeared ${groupDigits(counts.appeared)}, ` +
      `消失 disappeared ${groupDigits(counts.disappeared)}, 改变 changed ${groupDigits(counts.changed)}`,
    '',
    '公司合计 Company totals',
    ...renderTable(
      ['指标 Metric', '基准 Base', '草案 Candidate', '变化 Delta'],
      COMPANY_METRICS.filter((m) => m.always === true || company.base[m.field] !== 0 || company.candidate[m.field] !== 0).map((m) => [
        m.label,
        m.format(company.base[m.field]),
        m.format(company.candidate[m.field]),
        signed(company.delta[m.field], m.format),
      ]),
    ),
    '',
  ];
  if (report.staff.length === 0) return [...lines, '没有员工受影响 No staff member is affected.'];
  return [
    ...lines,
    `受影响员工 Affected staff (${groupDigits(report.staff.length)})`,
    ...renderTable(
      ['员工 Staff', '罚款 Fines', '罚款变化 Δ fines', '停止分配天数 Ban days', '暂停 Pauses', '禁接400 Hotline bans', '回收 Reclaims', '决定 Decisions +/-/~'],
      report.staff.map((s) => [
        staffLabel(s.staffId, names),
        change(s.base.finesFen, s.candidate.finesFen, formatYuan),
        signed(s.delta.finesFen, formatYuan),
        change(s.base.banDays, s.candidate.banDays),
        change(s.base.pauses, s.candidate.pauses),
        change(s.base.hotlineBans, s.candidate.hotlineBans),
        change(s.base.reclaims, s.candidate.reclaims),
        `+${s.appeared.length} -${s.disappeared.length} ~${s.changed.length}`,
      ]),
    ),
  ];
}

/**
 * `allot diff`: replays the same events under the base policy (default: the bundled one) and
 * the candidate (`--policy`), then prints the what-if report as a table or, with `--json`, as
 * the `WhatIfReport` JSON.
 */
export async function runDiff(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('diff', args, {
    base: { type: 'string' },
    policy: { type: 'string' },
    events: { type: 'string' },
    until: { type: 'string' },
    json: { type: 'boolean' },
  });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const candidateFile = requireFlag('diff', flags, 'policy');
  const eventsFile = requireFlag('diff', flags, 'events');
  const until = untilFlag('diff', flags);
  const base = await loadPolicy(stringFlag(flags, 'base') ?? (await defaultPolicyFile()));
  const candidate = await loadPolicy(candidateFile);
  const { events } = await loadEvents(eventsFile, candidate.policy, base.policy);

  const options = until === undefined ? {} : { until };
  const report = whatIf(simulate(base.policy, events, options), simulate(candidate.policy, events, options));
  const sink = new LineSink(io.stdout);
  const lines = flags['json'] === true ? [JSON.stringify(report, mapsAsObjects, 2)] : renderDiff(report, base, candidate, staffNames(events));
  for (const line of lines) await sink.line(line);
  await sink.flush();
  return EXIT_OK;
}

/** JSON.stringify replacer: a Map prints as an object (the report itself uses arrays). */
function mapsAsObjects(_key: string, value: unknown): unknown {
  return value instanceof Map ? Object.fromEntries(value) : value;
}
