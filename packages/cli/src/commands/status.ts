import type { StaffStatusView } from '@allot/runtime';
import { CliError, EXIT_INVALID, EXIT_OK } from '../cli-error.js';
import type { CliIo } from '../cli-io.js';
import { writeLines } from '../cli-io.js';
import { formatYuan, groupDigits, renderTable } from '../format.js';
import { STORE_OPTIONS, withRuntime } from '../runtime-session.js';
import { USAGE, instantFlag, parseCommand, requirePositional } from '../usage.js';

const yesNo = (b: boolean): string => (b ? '是 yes' : '否 no');

/** `until (in force 生效中)`, `until (ended 已结束)`, or `无 none`. */
const until = (iso: string | null, inForce: boolean): string => (iso === null ? '无 none' : `${iso} (${inForce ? '生效中 in force' : '已结束 ended'})`);

/** The status as label/value rows (zh + en labels). */
export function statusRows(s: StaffStatusView): string[] {
  const who = [s.role, s.level === null ? null : `level ${s.level}`].filter((x) => x !== null).join(', ');
  const active = s.active === null ? '未知 unknown' : s.active ? '在职 active' : '已离职 left';
  return [
    `员工 Staff: ${s.staffId}${who === '' ? '' : ` (${who})`}, ${active}`,
    ...renderTable(
      ['项目 Item', '状态 Status'],
      [
        ['可分配 eligible', yesNo(s.eligible)],
        ['暂停分配 paused', `×${groupDigits(s.pausesLeft)} 剩余 left (${groupDigits(s.pausesImposed)} 累计 imposed)`],
        ['停止分配至 banned until', until(s.bannedUntil, s.banned)],
        ['禁接400至 hotline banned until', until(s.hotlineBannedUntil, s.hotlineBanned)],
        ['罚款合计 fined', formatYuan(s.finedFen)],
        ['截至 as of', s.asOf],
      ],
      ['left', 'left'],
    ),
  ];
}

/**
 * `allot status <staffId> [--at <iso>]`: a staff member's standing from the projections —
 * eligible, pauses imposed, banned / hotline banned until — at `--at` (default: the clock).
 * An id no event or decision names is exit 1.
 */
export async function runStatus(args: readonly string[], io: CliIo): Promise<number> {
  const { flags, positionals, help } = parseCommand('status', args, { ...STORE_OPTIONS, at: { type: 'string' }, json: { type: 'boolean' } }, 1);
  if (help) {
    writeLines(io.stdout, [USAGE]);
    return EXIT_OK;
  }
  const staffId = requirePositional('status', positionals, '<staffId>');
  const at = instantFlag('status', flags, 'at');
  const clock = at === undefined ? {} : { clock: () => new Date(at) };
  return withRuntime('status', flags, { ...clock, stderr: io.stderr }, async (runtime) => {
    const status = await runtime.status(staffId);
    if (!status.known) throw new CliError(EXIT_INVALID, [`allot status: no event or decision names staff member ${JSON.stringify(staffId)}`, `allot status: 未找到该员工`]);
    writeLines(io.stdout, flags['json'] === true ? [JSON.stringify(status)] : statusRows(status));
    return EXIT_OK;
  });
}
