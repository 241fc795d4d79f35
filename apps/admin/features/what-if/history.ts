/**
 * The stored history a what-if replays: the events (read once, then what was appended), the
 * default period, the staff directory and teams.
 */
import { TIERS } from '@allot/engine';
import type { AllotEvent } from '@allot/engine';
import { readEvents } from '@allot/store';
import type { Localized } from '../shared/i18n/lang';
import { STAFF_ROLE_LABELS } from '../shared/policy-labels';
import type { StaffInfo, TeamOption, WhatIfPeriod } from './types';
import { storeDb } from '../shared/database';
import type { AdminDb } from '../shared/database';
import { processWide } from '../shared/process-wide';

/** The default period: this many days back from the latest stored event. */
export const DEFAULT_DAYS = 90;
export const DAY_MS = 86_400_000;
const PAGE = 5000;

/** Stored history: events in op order, and the same events in time order (stable), as the engine replays them. */
export interface History {
  events: readonly AllotEvent[];
  inTimeOrder: readonly AllotEvent[];
  /** Epoch ms of each event of `inTimeOrder`. */
  times: readonly number[];
  /** The latest event's instant (epoch ms), or null for an empty history. */
  last: number | null;
}

interface Cached {
  afterSeq: number;
  events: AllotEvent[];
  history: History | null;
  loading: Promise<History> | null;
}
const caches = processWide('what-if.histories', () => new WeakMap<AdminDb, Cached>());

/** A history over these events (op order). A new object per state of the log: caches hang on it. */
export function historyOf(events: AllotEvent[]): History {
  const keyed = events.map((e, i) => ({ e, t: Date.parse(e.at), i }));
  keyed.sort((a, b) => a.t - b.t || a.i - b.i);
  const last = keyed.length === 0 ? null : (keyed[keyed.length - 1]?.t ?? null);
  return { events, inTimeOrder: keyed.map((k) => k.e), times: keyed.map((k) => k.t), last };
}

async function refresh(db: AdminDb, c: Cached): Promise<History> {
  let grew = false;
  for (;;) {
    const page = await readEvents(storeDb(db), { afterSeq: c.afterSeq, limit: PAGE });
    for (const e of page) c.events.push(e.payload as unknown as AllotEvent);
    if (page.length > 0) {
      grew = true;
      c.afterSeq = page[page.length - 1]?.seq ?? c.afterSeq;
    }
    if (page.length < PAGE) break;
  }
  if (grew || c.history === null) c.history = historyOf([...c.events]);
  return c.history;
}

/**
 * Every stored event, read once and then only what was appended since (the log is
 * append-only), in op order and in time order. Concurrent callers take turns.
 */
export async function loadHistory(db: AdminDb): Promise<History> {
  let c = caches.get(db);
  if (c === undefined) {
    c = { afterSeq: 0, events: [], history: null, loading: null };
    caches.set(db, c);
  }
  const cached = c;
  while (cached.loading !== null) await cached.loading.catch(() => undefined);
  cached.loading = refresh(db, cached);
  try {
    return await cached.loading;
  } finally {
    cached.loading = null;
  }
}

/** Every stored event in op order (what `impact.ts` replays). */
export async function storedEvents(db: AdminDb): Promise<readonly AllotEvent[]> {
  return (await loadHistory(db)).events;
}

/** Staff as `staff.joined` describes them (a later `staff.joined` of the same id wins). */
export function staffDirectory(events: readonly AllotEvent[]): Map<string, StaffInfo> {
  const out = new Map<string, StaffInfo>();
  for (const e of events) {
    if (e.type === 'staff.joined') out.set(e.staffId, { staffId: e.staffId, name: e.name ?? null, role: e.role, level: e.level ?? null });
  }
  return out;
}

const ROLE_ORDER = ['rep', 'receptionist', 'manager', 'director', 'assistant'];

/** A team's label: a role ("接听客服"), or reps serving a tier ("服务 B 类客户的销售员"). */
export function teamLabel(key: string): Localized | null {
  const [kind, value = ''] = key.split(':');
  if (kind === 'role') {
    const role = STAFF_ROLE_LABELS[value];
    return role === undefined ? null : { zh: `全部${role.zh}`, en: `All ${role.en.toLowerCase()}s` };
  }
  if (kind === 'level' && /^[A-D]$/.test(value)) return { zh: `服务 ${value} 类客户的销售员`, en: `Reps serving ${value} clients` };
  return null;
}

/** Is this staff member in the team? */
export function inTeam(key: string, s: StaffInfo): boolean {
  const [kind, value] = key.split(':');
  if (kind === 'role') return s.role === value;
  if (kind === 'level') return s.role === 'rep' && s.level === value;
  return false;
}

/** The teams the history has members for: every role, then reps by the tier they serve. */
export function teamOptions(directory: ReadonlyMap<string, StaffInfo>): TeamOption[] {
  const keys = ['role:rep', ...TIERS.map((tier) => `level:${tier}`), ...ROLE_ORDER.filter((r) => r !== 'rep').map((r) => `role:${r}`)];
  const staff = [...directory.values()];
  const out: TeamOption[] = [];
  for (const key of keys) {
    const label = teamLabel(key);
    const members = staff.filter((s) => inTeam(key, s)).length;
    if (label !== null && members > 0) out.push({ key, label, members });
  }
  return out;
}

/**
 * The period to compare: `to` defaults to (and is capped at) the latest stored event, `from` to
 * `to` minus 90 days. Null when the history is empty or `from` is after `to`.
 */
export function resolvePeriod(h: Pick<History, 'last'>, from: number | null, to: number | null): Omit<WhatIfPeriod, 'events'> & { fromMs: number; toMs: number } | null {
  if (h.last === null) return null;
  const toMs = to === null ? h.last : Math.min(to, h.last);
  const fromMs = from ?? toMs - DEFAULT_DAYS * DAY_MS;
  if (fromMs > toMs) return null;
  return { from: new Date(fromMs).toISOString(), to: new Date(toMs).toISOString(), days: Math.round((toMs - fromMs) / DAY_MS), fromMs, toMs };
}

/** Events of the history with `from ≤ at ≤ to`. */
export function countEventsIn(h: History, fromMs: number, toMs: number): number {
  let n = 0;
  for (const t of h.times) if (t >= fromMs && t <= toMs) n++;
  return n;
}
