/**
 * 我的状态's data: a person's status, sanctions with their rule and clause, fines this month and last,
 * and the running deadlines.
 */
import { policyView, zoneOf } from '@allot/engine';
import type { AllotEvent, Decision } from '@allot/engine';
import type { Runtime, StaffStatusView } from '@allot/runtime';
import type { AdminDb } from '../shared/database';
import { statedInstant, statusAt } from '../shared/clock';
import type { StatedInstant } from '../shared/clock';
import type { Localized } from '../shared/i18n/lang';
import { DEFAULT_ZONE, readPolicyTimeline, readRoster } from '../people';
import { engineState } from './engine-state';

/** The sanction kinds a person's status page explains (and a notice can be printed for). */
export const SANCTION_KINDS = ['staff.paused', 'staff.banned', 'staff.hotline_banned', 'staff.fined', 'staff.termination_review'] as const;
export type SanctionKind = (typeof SANCTION_KINDS)[number];

/** A rule as a person reads it: its title (plain words) and the clause of the policy text. */
export interface RuleText {
  id: string;
  title: Localized;
  clause: { section: string; quote: string } | null;
}

/** One sanction with why it was made. */
export interface Sanction {
  decisionId: string;
  kind: SanctionKind;
  rule: string;
  at: string;
  explain: Localized;
  /** staff.paused: allocations skipped; and how many of them are still to be used up. */
  count?: number;
  left?: number;
  /** staff.banned / staff.hotline_banned. */
  from?: string;
  until?: string;
  /** Running at the stated instant (a ban or hotline ban), or with pauses left. */
  running: boolean;
  amountFen?: number;
  reason?: string;
  ruleText: RuleText | null;
  policy: { id: string; version: string; hash: string };
  /** The cause events as stored. */
  causes: AllotEvent[];
}

/** A clock running on one of the person's clients. */
export interface Deadline {
  rule: 'D1' | 'R2' | 'R3';
  clientId: string;
  due: string;
  /** Milliseconds from the stated instant to `due` (negative: due already, recorded at the runtime's next tick). */
  msLeft: number;
  /** D1: what is still missing. */
  contacted?: boolean;
  reported?: boolean;
}

/** A month's fines. */
export interface MonthFines {
  key: string;
  totalFen: number;
  items: { decisionId: string; at: string; amountFen: number; reason: string; rule: string; explain: Localized }[];
}

/** Everything 我的状态 shows. */
export interface MyStatus {
  staffId: string;
  name: string | null;
  /** The one instant every status on the page is judged at. */
  instant: StatedInstant;
  status: StaffStatusView;
  /** Sanctions, newest first (the last {@link SANCTIONS_SHOWN}). */
  sanctions: Sanction[];
  fines: { thisMonth: MonthFines; lastMonth: MonthFines };
  deadlines: Deadline[];
  /** The rules behind the deadlines and the pause ladder, in plain words. */
  rules: Record<'D1' | 'R1' | 'R2' | 'R3' | 'P1', RuleText | null>;
  /** R1's window in hours (no clock runs for it until a registration arrives). */
  registrationHours: number | null;
}

/** Sanctions listed at most (newest first). */
export const SANCTIONS_SHOWN = 50;

/** What the page reads from the app context. */
export interface MeContext {
  db: AdminDb;
  runtime: Pick<Runtime, 'status' | 'time' | 'explain'>;
  clock: { now(): Date };
}

const num = (v: unknown): number => (typeof v === 'number' && Number.isSafeInteger(v) ? v : 0);

function ruleText(policy: unknown, id: string): RuleText | null {
  if (policy === null || policy === undefined) return null;
  const rules = (policyView(policy as Parameters<typeof policyView>[0]) as unknown as { rules: Record<string, { title?: Localized; clause?: { section: string; quote: string } } | undefined> }).rules;
  const rule = rules[id];
  if (rule === undefined || rule.title === undefined) return null;
  return { id, title: rule.title, clause: rule.clause ?? null };
}

/**
 * The status of one staff member for themself, judged at one stated instant (the runtime's
 * time): whether the ring would give them a lead, each pause, ban and hotline ban with its rule,
 * clause and cause events, fines this month and last, and the clocks running on their clients.
 * Reads go through the runtime (`explain`), which writes them to the access log under `actor`.
 */
export async function readMyStatus(ctx: MeContext, staffId: string, actor: string): Promise<MyStatus> {
  const { db, runtime, clock } = ctx;
  const instant = await statedInstant(runtime, clock);
  const at = Date.parse(instant.at);
  const [roster, raw, timeline, state] = await Promise.all([readRoster(db), runtime.status(staffId), readPolicyTimeline(db), engineState(db)]);
  const status = statusAt(raw, instant.at);
  const policy = timeline(at);
  const zone = zoneOf(policy?.timezone ?? DEFAULT_ZONE);

  const rows = await db
    .selectFrom('decisions')
    .select(['decision_id as id', 'kind', 'payload'])
    .where('staff_id', '=', staffId)
    .where('kind', 'in', [...SANCTION_KINDS])
    .orderBy('seq', 'desc')
    .execute();
  // Pauses are used up earliest imposed first (SPEC §2): the last `pausesLeft` allocations to skip are still to come.
  const pauseLeft = new Map<string, number>();
  let toAssign = status.pausesLeft;
  for (const row of rows) {
    if (row.kind !== 'staff.paused') continue;
    const count = num((row.payload as { count?: unknown }).count);
    const left = Math.min(count, toAssign);
    pauseLeft.set(row.id, left);
    toAssign -= left;
  }
  const sanctions: Sanction[] = [];
  for (const row of rows.filter((r) => r.kind !== 'staff.fined').slice(0, SANCTIONS_SHOWN)) {
    const d = row.payload as unknown as Decision;
    const explained = await runtime.explain(d.id, { actor });
    const s: Sanction = {
      decisionId: d.id,
      kind: d.kind as SanctionKind,
      rule: d.rule,
      at: d.at,
      explain: d.explain,
      running: false,
      ruleText: explained.rule === null ? null : { id: explained.rule.id, title: explained.rule.title, clause: explained.rule.clause },
      policy: d.policy,
      causes: explained.causes.map((c) => c.event),
    };
    if (d.kind === 'staff.paused') {
      s.count = d.count;
      s.left = pauseLeft.get(d.id) ?? 0;
      s.running = s.left > 0;
    }
    if (d.kind === 'staff.banned' || d.kind === 'staff.hotline_banned') {
      s.from = d.from;
      s.until = d.until;
      s.running = Date.parse(d.from) <= at && Date.parse(d.until) > at;
    }
    sanctions.push(s);
  }

  const thisStart = zone.monthStart(at);
  const months = [
    { key: zone.monthKey(thisStart), from: thisStart, to: zone.monthStartAfter(at, 1) },
    { key: zone.monthKey(zone.monthStartAfter(at, -1)), from: zone.monthStartAfter(at, -1), to: thisStart },
  ];
  const fines = months.map((m): MonthFines => {
    const items = rows
      .filter((r) => r.kind === 'staff.fined')
      .map((r) => r.payload as unknown as Extract<Decision, { kind: 'staff.fined' }>)
      .filter((d) => Date.parse(d.at) >= m.from && Date.parse(d.at) < m.to)
      .map((d) => ({ decisionId: d.id, at: d.at, amountFen: d.amountFen, reason: d.reason, rule: d.rule, explain: d.explain }))
      .sort((a, b) => Date.parse(a.at) - Date.parse(b.at));
    return { key: m.key, totalFen: items.reduce((sum, i) => sum + i.amountFen, 0), items };
  });

  const deadlines: Deadline[] = [];
  for (const c of state.snapshot?.state.clients ?? []) {
    if (c.owner !== staffId) continue;
    const push = (rule: Deadline['rule'], due: number, extra: Partial<Deadline> = {}): void => {
      deadlines.push({ rule, clientId: c.id, due: new Date(due).toISOString(), msLeft: due - at, ...extra });
    };
    if (c.followUp !== undefined && c.followUp.staffId === staffId && !(c.followUp.contacted && c.followUp.reported)) push('D1', c.followUp.deadline, { contacted: c.followUp.contacted, reported: c.followUp.reported });
    if (c.development !== undefined && !c.development.fired) push('R2', c.development.deadline);
    if (c.inactivity !== undefined && !c.inactivity.fired) push('R3', c.inactivity.deadline);
  }
  deadlines.sort((a, b) => a.msLeft - b.msLeft || a.clientId.localeCompare(b.clientId));

  const r1 = policy === null ? undefined : (policyView(policy) as unknown as { rules: { R1?: { enabled?: boolean; withinHours?: number } } }).rules.R1;
  return {
    staffId,
    name: roster.find((m) => m.staffId === staffId)?.name ?? null,
    instant,
    status,
    sanctions,
    fines: { thisMonth: fines[0] as MonthFines, lastMonth: fines[1] as MonthFines },
    deadlines,
    rules: { D1: ruleText(policy, 'D1'), R1: ruleText(policy, 'R1'), R2: ruleText(policy, 'R2'), R3: ruleText(policy, 'R3'), P1: ruleText(policy, 'P1') },
    registrationHours: r1 !== undefined && r1.enabled !== false && typeof r1.withinHours === 'number' ? r1.withinHours : null,
  };
}
