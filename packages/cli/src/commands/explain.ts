import type { Explanation } from '@allot/runtime';
import { EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { LineSink, writeLines } from '../cli-io.js';
import { decisionClient, decisionDetail, decisionStaff } from '../decision-rows.js';
import { renderTable } from '../format.js';
import { KIND_LABELS } from '../labels.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import { USAGE, parseCommand, requirePositional } from '../usage.js';

/** Indents every line of a multi-line text. */
const indent = (text: string, by = '    '): string[] => text.split('\n').map((l) => by + l);

/** An explanation as readable lines: the decision, the policy version and clause, the cause events. */
export function explanationLines(x: Explanation): string[] {
  const d = x.decision.decision;
  const staff = decisionStaff(d);
  const client = decisionClient(d);
  const detail = decisionDetail(d);
  const lines = [
    `决定 Decision ${d.id} (seq ${x.decision.seq}, made by op ${x.decision.sourceSeq})`,
    ...renderTable(
      ['项目 Item', '值 Value'],
      [
        ['时间 at', d.at],
        ['类型 kind', `${d.kind} (${KIND_LABELS[d.kind]})`],
        ['规则 rule', d.rule],
        ...(staff === '' ? [] : [['员工 staff', staff]]),
        ...(client === '' ? [] : [['客户 client', client]]),
        ...(detail === '' ? [] : [['详情 detail', detail]]),
        ['行哈希 row hash', x.decision.rowHash],
      ],
      ['left', 'left'],
    ),
    '',
    '说明 Explanation',
    `  ${d.explain.zh}`,
    `  ${d.explain.en}`,
    '',
  ];
  const p = x.policy;
  lines.push(
    p === null
      ? `策略 Policy: ${d.policy.id} ${d.policy.version} ${d.policy.hash} (version not found in the database / 数据库中未找到该版本)`
      : `策略 Policy: ${p.id} ${p.version} ${p.hash} (${p.status}, effective from ${p.effectiveFrom ?? 'the start 自始'})`,
  );
  if (x.rule === null) lines.push(`规则 Rule ${d.rule}: (not found in the policy / 策略中未找到)`);
  else {
    lines.push(`规则 Rule ${x.rule.id}: ${x.rule.title.zh} / ${x.rule.title.en}`, `  条款 Clause: ${x.rule.clause.section}`, ...indent(x.rule.clause.quote));
  }
  lines.push('', `起因事件 Cause events (${x.causes.length})`);
  if (x.causes.length === 0) lines.push('  无 none');
  for (const c of x.causes) lines.push(`  op ${c.seq}, applied at ${c.appliedAt}: ${JSON.stringify(c.event)}`);
  return lines;
}

/**
 * `allot explain <decisionId>`: the recorded decision with its explanation (zh/en), the policy
 * version (id, version, hash) that made it, the rule's title and clause, and the cause events as
 * stored. `--json` prints the runtime's `Explanation` without the policy's full content. An
 * unknown id is exit 1.
 */
export async function runExplain(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals, help } = parseCommand('explain', args, { ...STORE_OPTIONS, json: { type: 'boolean' } }, 1);
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const id = requirePositional('explain', positionals, '<decisionId>');
  return withRuntime('explain', flags, { stderr: io.stderr }, async (runtime) => {
    const x = await runtime.explain(id);
    const sink = new LineSink(io.stdout);
    if (flags['json'] === true) {
      const policy = x.policy === null ? null : { ...x.policy, content: undefined };
      await sink.line(JSON.stringify({ ...x, policy }));
    } else for (const line of explanationLines(x)) await sink.line(line);
    await sink.flush();
    return EXIT_OK;
  });
}
