import type { Localized, Zone } from '@allot/engine';
import type { ImportKind } from './import-kinds.js';

/** What one row becomes: its key and its events (id suffix and body without `id`). */
export interface BuiltRow {
  key: string;
  events: Array<[string, Record<string, unknown>]>;
}

type Fail = (key: string, message: Localized) => void;

/** The subset of import options the builders read. */
interface BuildOptions {
  goLive?: number | null;
}

const str = (v: Record<string, unknown>, k: string): string | undefined => (typeof v[k] === 'string' ? (v[k] as string) : undefined);
const num = (v: Record<string, unknown>, k: string): number | undefined => (typeof v[k] === 'number' ? (v[k] as number) : undefined);

/** Keeps only the fields that have a value. */
const defined = (o: Record<string, unknown>): Record<string, unknown> => Object.fromEntries(Object.entries(o).filter(([, x]) => x !== undefined));

/**
 * Turns one row's parsed values into its events, checking what spans columns (a leaver's date
 * before their start, a hold without an owner, a record dated after go-live). Returns null
 * after reporting each problem through `fail` (by column key).
 */
export function buildEvents(kind: ImportKind, v: Record<string, unknown>, options: BuildOptions, fail: Fail, zone: Zone): BuiltRow | null {
  const goLive = options.goLive ?? null;
  const iso = (k: string): string | undefined => {
    const t = num(v, k);
    return t === undefined ? undefined : zone.format(t);
  };
  let failed = false;
  const problem = (key: string, zh: string, en: string): void => {
    failed = true;
    fail(key, { zh, en });
  };
  const needGoLive = (key: string): void => problem(key, '需要先设定上线时间', 'needs the go-live instant (--go-live)');
  const notAfterGoLive = (key: string): void => {
    const t = num(v, key);
    if (t !== undefined && goLive !== null && t > goLive) problem(key, `晚于上线时间 ${zone.format(goLive)}`, `after go-live (${zone.format(goLive)})`);
  };
  const recordKey = (parts: string[]): string => str(v, 'recordId') ?? parts.join('|');

  switch (kind) {
    case 'staff': {
      const staffId = str(v, 'staffId') as string;
      const joined = num(v, 'joinedAt') ?? goLive;
      if (joined === null) needGoLive('joinedAt');
      const left = num(v, 'leftAt');
      if (left !== undefined && joined !== null && left < joined) problem('leftAt', '离职日期早于入职日期', 'left before joining');
      const successorId = str(v, 'successorId');
      if (successorId !== undefined && left === undefined) problem('successorId', '只有离职员工才有接替人', 'only a leaver has a successor');
      if (successorId !== undefined && successorId === staffId) problem('successorId', '接替人不能是本人', 'the successor must be someone else');
      if (failed || joined === null) return null;
      const events: BuiltRow['events'] = [
        [':joined', defined({ type: 'staff.joined', at: zone.format(joined), staffId, role: v['role'], level: v['level'], name: str(v, 'name') })],
      ];
      if (left !== undefined) events.push([':left', defined({ type: 'staff.left', at: zone.format(left), staffId, successorId })]);
      return { key: staffId, events };
    }
    case 'clients': {
      const clientId = str(v, 'clientId') as string;
      if (goLive === null) needGoLive('clientId');
      const owner = str(v, 'owner');
      for (const k of ['registeredAt', 'r2Deadline', 'handedOutAt', 'lastActivityAt']) {
        if (v[k] !== undefined && owner === undefined) problem(k, '填写了日期但没有负责人', 'a date without an owner');
      }
      for (const k of ['registeredAt', 'handedOutAt', 'lastActivityAt']) notAfterGoLive(k);
      if (failed || goLive === null) return null;
      const body = defined({
        type: 'opening.client', at: zone.format(goLive), clientId, owner, tier: v['tier'],
        registeredAt: iso('registeredAt'), r2Deadline: iso('r2Deadline'), handedOutAt: iso('handedOutAt'), lastActivityAt: iso('lastActivityAt'),
      });
      return { key: clientId, events: [['', body]] };
    }
    case 'sanctions': {
      const staffId = str(v, 'staffId') as string;
      if (goLive === null) needGoLive('staffId');
      if (failed || goLive === null) return null;
      const body = defined({
        type: 'opening.staff', at: zone.format(goLive), staffId,
        banUntil: iso('banUntil'), hotlineBanUntil: iso('hotlineBanUntil'), pausesOwed: num(v, 'pausesOwed'), priorViolations: num(v, 'priorViolations'),
      });
      // A row that opens nothing (all counts 0, no bans) has no event.
      return { key: staffId, events: Object.keys(body).length > 3 ? [['', body]] : [] };
    }
    case 'violations': {
      notAfterGoLive('at');
      if (failed) return null;
      const staffId = str(v, 'staffId') as string;
      const at = iso('at') as string;
      return { key: recordKey([staffId, at]), events: [['', defined({ type: 'violation', at, staffId, severity: v['severity'] ?? 'normal', note: str(v, 'note') || undefined })]] };
    }
    case 'late-entries': {
      notAfterGoLive('at');
      if (failed) return null;
      const staffId = str(v, 'staffId') as string;
      const at = iso('at') as string;
      const form = str(v, 'form') as string;
      return { key: recordKey([staffId, form, at]), events: [['', { type: 'entry.late', at, staffId, form }]] };
    }
    case 'mismatches': {
      notAfterGoLive('at');
      if (v['classifiedTier'] === v['actualTier']) problem('actualTier', '实际类型与原判定类型相同,不是类型不符', 'the actual tier equals the classified one: no mismatch');
      if (failed) return null;
      const clientId = str(v, 'clientId') as string;
      const at = iso('at') as string;
      return {
        key: recordKey([clientId, at]),
        events: [['', { type: 'tier.mismatch', at, clientId, receptionistId: v['receptionistId'], repId: v['repId'], classifiedTier: v['classifiedTier'], actualTier: v['actualTier'], approvedBy: v['approvedBy'] }]],
      };
    }
    case 'deals': {
      notAfterGoLive('at');
      if (failed) return null;
      const clientId = str(v, 'clientId') as string;
      const at = iso('at') as string;
      return { key: recordKey([clientId, at]), events: [['', { type: 'deal.closed', at, clientId, staffId: v['staffId'], amountFen: v['amountFen'] }]] };
    }
  }
}
