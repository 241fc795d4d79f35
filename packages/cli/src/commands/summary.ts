import { DECISION_KINDS, parseInstant, simulateStream, summarizeDecisions } from '@allot/engine';
import type { Decision, DecisionKind, ImpactTotals } from '@allot/engine';
import { EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { formatYuan, groupDigits, renderTable } from '../format.js';
import { KIND_LABELS, staffLabel } from '../labels.js';
import { defaultPolicyFile, displayPath, loadEvents, loadPolicy } from '../load-files.js';
import { DEFAULT_EVENTS, findRepoFile } from '../repo-files.js';
import { USAGE, parseCommand, stringFlag, untilFlag } from '../usage.js';
import { staffNames } from './diff.js';

/** How many staff the fines ranking shows. */
const TOP = 10;

interface BanInForce {
  staffId: string;
  kind: 'staff.banned' | 'staff.hotline_banned';
  rule: string;
  from: string;
  until: string;
}

/** Counts decisions by kind and keeps the bans, while passing the decisions through. */
function* observe(decisions: Iterable<Decision>, counts: Map<DecisionKind, number>, bans: BanInForce[]): Generator<Decision> {
  for (const d of decisions) {
    counts.set(d.kind, (counts.get(d.kind) ?? 0) + 1);
    if (d.kind === 'staff.banned' || d.kind === 'staff.hotline_banned') {
      bans.push({ staffId: d.staffId, kind: d.kind, rule: d.rule, from: d.from, until: d.until });
    }
    yield d;
  }
}

const byOrdinal = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** The default events file: examples/history.jsonl of the repository (see repo-files.ts). */
async function defaultEventsFile(): Promise<string> {
  const found = await findRepoFile(DEFAULT_EVENTS);
  return found === null ? DEFAULT_EVENTS : displayPath(found);
}

/**
 * `allot summary` (what `npm start` runs): simulates in one streaming pass and prints the
 * policy, decision counts by kind, company totals, the top staff by fines and the bans in force
 * at the end (the `--until` instant, else the last event's time).
 */
export async function runSummary(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, help } = parseCommand('summary', args, {
    events: { type: 'string' },
    policy: { type: 'string' },
    until: { type: 'string' },
  });
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const until = untilFlag('summary', flags);
  const { policy, hash, file } = await loadPolicy(stringFlag(flags, 'policy') ?? (await defaultPolicyFile()));
  const loaded = await loadEvents(stringFlag(flags, 'events') ?? (await defaultEventsFile()), policy);
  const { events } = loaded;

  const counts = new Map<DecisionKind, number>();
  const bans: BanInForce[] = [];
  const stream = simulateStream(policy, events, until === undefined ? {} : { until });
  const { total, byStaff } = summarizeDecisions(observe(stream, counts, bans));
  const decisions = [...counts.values()].reduce((a, b) => a + b, 0);

  const endText = until ?? loaded.lastAtText;
  const end = until === undefined ? loaded.lastAt : parseInstant(until);
  const first = events[0]?.at;
  const names = staffNames(events);
  const lines = [
    `策略 Policy: ${policy.id} ${policy.version} ${hash} (${file})`,
    `事件 Events: ${groupDigits(events.length)} (${loaded.file})${first === undefined ? '' : `, ${first} → ${endText ?? ''}`}`,
    `决定 Decisions: ${groupDigits(decisions)}`,
    '',
    '按类型 Decisions by kind',
    ...renderTable(
      ['类型', 'Kind', '数量 Count'],
      DECISION_KINDS.filter((k) => counts.has(k)).map((k) => [KIND_LABELS[k], k, groupDigits(counts.get(k) ?? 0)]),
      ['left', 'left', 'right'],
    ),
    '',
    `合计 Totals: 罚款 fines ${groupDigits(total.fines)} = ${formatYuan(total.finesFen)}; ` +
      `停止分配 bans ${groupDigits(total.bans)} (${groupDigits(total.banDays)} 天 days); ` +
      `暂停 pauses ${groupDigits(total.pauses)}; 禁接400 hotline bans ${groupDigits(total.hotlineBans)}; ` +
      `业绩归部门 credit to department ${formatYuan(total.creditToDepartmentFen)}`,
    '',
    ...topByFines(byStaff, names),
    '',
    ...bansInForce(bans, end, endText, names),
  ];
  const sink = new LineSink(io.stdout);
  for (const line of lines) await sink.line(line);
  await sink.flush();
  return EXIT_OK;
}

function topByFines(byStaff: ReadonlyMap<string, ImpactTotals>, names: ReadonlyMap<string, string>): string[] {
  const fined = [...byStaff].filter(([, t]) => t.fines > 0);
  if (fined.length === 0) return ['罚款 Fines: 无 none'];
  fined.sort(([a, x], [b, y]) => y.finesFen - x.finesFen || y.fines - x.fines || byOrdinal(a, b));
  return [
    `罚款前 ${TOP} 名 Top ${TOP} staff by fines`,
    ...renderTable(
      ['员工 Staff', '罚款次数 Fines', '金额 Amount', '停止分配 Bans', '暂停 Pauses'],
      fined.slice(0, TOP).map(([id, t]) => [staffLabel(id, names), groupDigits(t.fines), formatYuan(t.finesFen), groupDigits(t.bans), groupDigits(t.pauses)]),
    ),
  ];
}

function bansInForce(bans: readonly BanInForce[], end: number | null, endText: string | null, names: ReadonlyMap<string, string>): string[] {
  const title = `期末生效的停止分配 Bans in force at the end (${endText ?? '-'})`;
  const live =
    end === null
      ? []
      : bans.filter((b) => {
          const from = parseInstant(b.from);
          const to = parseInstant(b.until);
          return from !== null && to !== null && from <= end && end < to;
        });
  if (live.length === 0) return [title, '无 none'];
  live.sort((a, b) => byOrdinal(a.staffId, b.staffId) || byOrdinal(a.kind, b.kind) || (parseInstant(a.until) ?? 0) - (parseInstant(b.until) ?? 0));
  return [
    title,
    ...renderTable(
      ['员工 Staff', '类型 Kind', '规则 Rule', '自 From', '至 Until'],
      live.map((b) => [staffLabel(b.staffId, names), b.kind === 'staff.banned' ? '停止分配 ban' : '禁接400 hotline', b.rule, b.from, b.until]),
      ['left', 'left', 'left', 'left', 'left'],
    ),
  ];
}
