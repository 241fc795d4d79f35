/** A what-if run: resolved and validated, replayed, compared. */
import { policyHash, validatePolicy } from '@allot/engine';
import type { AllotEvent, AnyPolicy as Policy } from '@allot/engine';
import { listPolicyVersions } from '@allot/store';
import type { Localized } from '../shared/i18n/lang';
import { validateDraft } from '../policies';
import type { PersonDetail, StaffInfo, WhatIfParams, WhatIfPeriod, WhatIfResult } from './types';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { inForce } from '../policies';
import { countEventsIn, inTeam, loadHistory, resolvePeriod, staffDirectory, teamLabel } from './history';
import type { History } from './history';
import { ReplayAborted, replayBase, replayBoth, replayCandidate, turn } from './replay';
import type { BaseRun, CandidateRun, ReplayControl, ReplaySource } from './replay';
import { countLogEvents, logSource, openStoredLog } from './stored-log';
import { holdsSnapshots } from '../shared/long-log';
import type { StoredLog } from './stored-log';
import { compareRuns, compareRunsInSteps, personDecisions, summarize, summarizeInSteps } from './summary';
import type { Summary } from './summary';
import type { Compared } from './summary';
import { processWide } from '../shared/process-wide';

/** A what-if run with everything resolved and validated, ready to replay. */
export interface PreparedRun {
  policyId: string;
  base: { version: string; hash: string; policy: Policy };
  candidate: { version: string; hash: string; policy: Policy; edited: boolean };
  /** The history in memory (a small log), or the stored log streamed from a snapshot (stored-log.ts). */
  history: History | StoredLog;
  period: WhatIfPeriod & { fromMs: number; toMs: number };
  team: { key: string; label: Localized; members: number } | null;
  allocationsAsRecorded: boolean;
  directory: Map<string, StaffInfo>;
}

/** A refusal, with the status and message to send. */
export interface RunRefusal {
  ok: false;
  status: number;
  error: string;
  message: Localized;
  details?: unknown;
}

const refuse = (status: number, error: string, zh: string, en: string, details?: unknown): RunRefusal => ({ ok: false, status, error, message: { zh, en }, ...(details === undefined ? {} : { details }) });

/**
 * Resolves what to simulate: the base (default: the version in force, else the latest
 * published), the candidate (a stored version, or unsaved content validated exactly as the
 * editor validates it), the period (default: the 90 days up to the latest stored event) and
 * the team. Reads only; records nothing.
 */
export async function prepareRun(db: AdminDb, params: WhatIfParams, now: Date): Promise<{ ok: true; run: PreparedRun } | RunRefusal> {
  const versions = await listPolicyVersions(storeDb(db), params.policyId);
  if (versions.length === 0) return refuse(404, 'not_found', '没有该制度', 'no such policy');
  const baseRow = params.base === undefined ? (inForce(versions, now) ?? versions.filter((v) => v.publishSeq !== null).pop()) : versions.find((v) => v.version === params.base);
  if (baseRow === undefined) return refuse(404, 'not_found', '找不到基准版本', 'no such base version');
  const candRow = versions.find((v) => v.version === params.candidate);
  if (candRow === undefined) return refuse(404, 'not_found', '找不到对比版本', 'no such candidate version');
  const baseCheck = validatePolicy(baseRow.content);
  if (!baseCheck.ok) return refuse(400, 'invalid_base', `基准版本 ${baseRow.version} 无效，无法模拟`, `base version ${baseRow.version} is not valid`);
  const content = params.content === undefined ? candRow.content : params.content;
  const problems = validateDraft(content);
  const candCheck = validatePolicy(content);
  if (problems.length > 0 || !candCheck.ok) return refuse(400, 'invalid_candidate', '对比版本的内容无效，请先修正', 'the candidate is not valid; fix it first', problems);
  const hash = params.content === undefined ? candRow.hash : policyHash(content);

  const history = await openHistory(db);
  const planned = planRun(history, {
    policyId: params.policyId,
    base: { version: baseRow.version, hash: baseRow.hash, policy: baseCheck.policy },
    candidate: { version: candRow.version, hash, policy: candCheck.policy, edited: hash !== candRow.hash },
    from: params.from ?? null,
    to: params.to ?? null,
    team: params.team ?? null,
    allocationsAsRecorded: params.allocationsAsRecorded ?? true,
  });
  if (planned.ok && 'kind' in history) planned.run.period.events = await countLogEvents(history, planned.run.period.fromMs, planned.run.period.toMs);
  return planned;
}

/** The stored history: a log large enough to hold snapshots is streamed from them (stored-log.ts); a small one is read into memory. */
export async function openHistory(db: AdminDb): Promise<History | StoredLog> {
  return (await holdsSnapshots(db)) ? openStoredLog(db) : loadHistory(db);
}

/** Staff as `staff.joined` describes them, in either kind of history. */
export function directoryOf(history: History | StoredLog): Map<string, StaffInfo> {
  return 'kind' in history ? history.directory : staffDirectory(history.events);
}

/** Events the history holds. */
export function historySize(h: History | StoredLog): number {
  return 'kind' in h ? h.eventCount : h.events.length;
}

/** The versions, period and team of a run, as {@link planRun} takes them. */
export interface RunPlan {
  policyId: string;
  base: PreparedRun['base'];
  candidate: PreparedRun['candidate'];
  from: string | null;
  to: string | null;
  team: string | null;
  allocationsAsRecorded: boolean;
}

/** Resolves the period (default: the 90 days up to the latest event) and the team over a history. Pure. */
export function planRun(history: History | StoredLog, plan: RunPlan): { ok: true; run: PreparedRun } | RunRefusal {
  if (history.last === null) return refuse(400, 'no_history', '还没有可重放的历史事件', 'there is no stored history to replay');
  const period = resolvePeriod(history, plan.from === null ? null : Date.parse(plan.from), plan.to === null ? null : Date.parse(plan.to));
  if (period === null) return refuse(400, 'bad_period', '开始时间晚于结束时间', 'the period starts after it ends');
  const directory = directoryOf(history);
  let team: PreparedRun['team'] = null;
  if (plan.team !== null && plan.team !== '') {
    const key = plan.team;
    const label = teamLabel(key);
    if (label === null) return refuse(400, 'bad_team', '未知的小组', 'unknown team');
    team = { key, label, members: [...directory.values()].filter((s) => inTeam(key, s)).length };
  }
  return {
    ok: true,
    run: {
      policyId: plan.policyId,
      base: plan.base,
      candidate: plan.candidate,
      history,
      period: { from: period.from, to: period.to, days: period.days, events: 'kind' in history ? 0 : countEventsIn(history, period.fromMs, period.toMs), fromMs: period.fromMs, toMs: period.toMs },
      team,
      allocationsAsRecorded: plan.allocationsAsRecorded,
      directory,
    },
  };
}

/** Both replays of a run. */
export interface Replayed {
  base: BaseRun;
  candidate: CandidateRun;
}

const CACHE_SIZE = 8;
/**
 * Decisions the cached runs of one side may hold in all: a run of 90 days of a 1,000-person
 * company holds some 150,000 (a few hundred bytes each), a year's half a million. Past it the
 * least recently used runs go; the newest always stays.
 */
const KEPT_DECISIONS = 300_000;
/** A base run's cache key: version, period. */
const baseKeyOf = (run: PreparedRun): string => `${run.base.hash}|${run.period.fromMs}|${run.period.toMs}`;
/** A candidate run's cache key: version, period, and the base whose allocations it takes (or the ring). */
const candidateKeyOf = (run: PreparedRun): string => `${run.candidate.hash}|${run.period.fromMs}|${run.period.toMs}|${run.allocationsAsRecorded ? `recorded:${run.base.hash}` : 'ring'}`;
/** Replays per state of the log (a new `History` when events were appended), the last 8 of each side within {@link KEPT_DECISIONS}. */
const replays = processWide('what-if.replays', () => new WeakMap<History | StoredLog, { base: Map<string, BaseRun>; candidate: Map<string, CandidateRun> }>());
const remember = <T extends { decisions: readonly unknown[] }>(cache: Map<string, T>, key: string, value: T): T => {
  cache.delete(key);
  cache.set(key, value);
  let kept = 0;
  for (const run of cache.values()) kept += run.decisions.length;
  while (cache.size > CACHE_SIZE || (cache.size > 1 && kept > KEPT_DECISIONS)) {
    const [oldest, run] = cache.entries().next().value as [string, T];
    kept -= run.decisions.length;
    cache.delete(oldest);
  }
  return value;
};

/** What a replay is doing: the base run, the candidate run, or both in one pass. */
export type ReplayPhase = 'base' | 'candidate' | 'both';

/**
 * Replays the stored history up to the period's end under both versions (the engine; pure,
 * nothing recorded). Replays are remembered per state of the log, version hash, end and mode,
 * so re-running after an edit replays only the candidate; with neither at hand both run in one
 * pass over the history. `onPhase` reports progress.
 */
export async function replayRun(run: PreparedRun, control: { signal?: AbortSignal | undefined; onPhase?: (phase: ReplayPhase, done: number, total: number) => void } = {}): Promise<Replayed> {
  let cache = replays.get(run.history);
  if (cache === undefined) {
    cache = { base: new Map(), candidate: new Map() };
    replays.set(run.history, cache);
  }
  // Each run keeps only the period's decisions: a long history is replayed, a short period held.
  const ctl = (phase: ReplayPhase): ReplayControl => ({ signal: control.signal, keepFrom: run.period.fromMs, onProgress: (done, total) => control.onPhase?.(phase, done, total) });
  // A stored log streams from the snapshot before the period; a history in memory replays from its first event.
  const h = run.history;
  let source: ReplaySource | undefined;
  const from = async (): Promise<History | ReplaySource> => ('kind' in h ? (source ??= await logSource(h, run.period.fromMs, run.period.toMs)) : h);
  const baseKey = baseKeyOf(run);
  const candKey = candidateKeyOf(run);
  const cachedBase = cache.base.get(baseKey);
  const cachedCandidate = cache.candidate.get(candKey);
  if (cachedBase === undefined && cachedCandidate === undefined) {
    // Neither run at hand: both in one pass, the history read once.
    const both = await replayBoth(run.base.policy, run.candidate.policy, await from(), run.period.toMs, run.allocationsAsRecorded, ctl('both'));
    return { base: remember(cache.base, baseKey, both.base), candidate: remember(cache.candidate, candKey, both.candidate) };
  }
  const base = cachedBase ?? remember(cache.base, baseKey, await replayBase(run.base.policy, await from(), run.period.toMs, ctl('base')));
  const candidate =
    cachedCandidate ?? remember(cache.candidate, candKey, await replayCandidate(run.candidate.policy, await from(), run.period.toMs, run.allocationsAsRecorded ? base : null, ctl('candidate')));
  return { base, candidate };
}

/** Both replays of a run when they are already cached (the same keys as {@link replayRun}), else undefined. */
export function cachedReplay(run: PreparedRun): Replayed | undefined {
  const cache = replays.get(run.history);
  const base = cache?.base.get(baseKeyOf(run));
  const candidate = cache?.candidate.get(candidateKeyOf(run));
  return base === undefined || candidate === undefined ? undefined : { base, candidate };
}

const byId = new WeakMap<History, Map<string, AllotEvent>>();
function eventsById(h: History | StoredLog, base: BaseRun): ReadonlyMap<string, AllotEvent> {
  if ('kind' in h) return base.deals;
  let m = byId.get(h);
  if (m === undefined) {
    m = new Map(h.events.map((e) => [e.id, e]));
    byId.set(h, m);
  }
  return m;
}

/** Comparisons by the candidate run (cached per version, period, base and log state), so the totals and the breakdown of one run compare once. */
const comparisons = processWide('what-if.comparisons', () => new WeakMap<object, { base: object; cmp: Compared }>());

/** The two runs' decisions in the period, compared (once per pair of runs). */
export function compare(run: PreparedRun, replayed: Replayed): Compared {
  const kept = comparisons.get(replayed.candidate);
  if (kept !== undefined && kept.base === replayed.base) return kept.cmp;
  const converted = run.allocationsAsRecorded ? replayed.base.allocations : null;
  const cmp = compareRuns(replayed.base.decisions, replayed.candidate.decisions, run.period, eventsById(run.history, replayed.base), converted);
  comparisons.set(replayed.candidate, { base: replayed.base, cmp });
  return cmp;
}

/** Drives a computation in steps, giving the event loop a turn between them; stops when `signal` is aborted. */
async function inTurns<T>(steps: Generator<void, T>, signal: AbortSignal | undefined): Promise<T> {
  for (;;) {
    const step = steps.next();
    if (step.done === true) return step.value;
    await turn();
    if (signal?.aborted === true) throw new ReplayAborted();
  }
}

/**
 * {@link compare} as a job does it: the same comparison (and cached the same way), with a turn of
 * the event loop every few thousand decisions. A year's runs hold a million decisions, and
 * compared in one stretch every other request waited seconds.
 */
export async function compareInTurns(run: PreparedRun, replayed: Replayed, signal?: AbortSignal): Promise<Compared> {
  const kept = comparisons.get(replayed.candidate);
  if (kept !== undefined && kept.base === replayed.base) return kept.cmp;
  const converted = run.allocationsAsRecorded ? replayed.base.allocations : null;
  const cmp = await inTurns(compareRunsInSteps(replayed.base.decisions, replayed.candidate.decisions, run.period, eventsById(run.history, replayed.base), converted), signal);
  comparisons.set(replayed.candidate, { base: replayed.base, cmp });
  return cmp;
}

/** Whom the run's team counts (null: everyone). */
function teamOf(run: PreparedRun): ((staffId: string) => boolean) | null {
  const teamKey = run.team?.key;
  return teamKey === undefined ? null : (id) => inTeam(teamKey, run.directory.get(id) ?? { staffId: id, name: null, role: null, level: null });
}

/** What the page shows: totals, weeks and the people affected (in the team, when one is chosen). */
export function resultOf(run: PreparedRun, replayed: Replayed, elapsedMs: number): WhatIfResult {
  return resultWith(run, replayed, summarize(compare(run, replayed), run.period, run.directory, teamOf(run)), elapsedMs);
}

/** {@link resultOf} as a job makes it: the comparison and the sums with turns of the event loop between their steps. */
export async function resultInTurns(run: PreparedRun, replayed: Replayed, elapsedMs: number, signal?: AbortSignal): Promise<WhatIfResult> {
  const cmp = await compareInTurns(run, replayed, signal);
  return resultWith(run, replayed, await inTurns(summarizeInSteps(cmp, run.period, run.directory, teamOf(run)), signal), elapsedMs);
}

function resultWith(run: PreparedRun, replayed: Replayed, summary: Summary, elapsedMs: number): WhatIfResult {
  const { fromMs: _f, toMs: _t, ...period } = run.period;
  return {
    policyId: run.policyId,
    base: { version: run.base.version, hash: run.base.hash },
    candidate: { version: run.candidate.version, hash: run.candidate.hash, edited: run.candidate.edited },
    period,
    team: run.team,
    allocationsAsRecorded: run.allocationsAsRecorded,
    convertedAllocations: replayed.candidate.converted,
    ...summary,
    elapsedMs,
  };
}

/** One person's decisions in the period under both versions. */
export function personDetailOf(run: PreparedRun, replayed: Replayed, staffId: string): PersonDetail {
  const info = run.directory.get(staffId) ?? { staffId, name: null, role: null, level: null };
  return { ...info, ...personDecisions(compare(run, replayed), staffId) };
}
