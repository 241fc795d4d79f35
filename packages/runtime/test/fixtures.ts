import { readFileSync } from 'node:fs';
import { parseEvents, simulate, validatePolicy } from '@allot/engine';
import type { AllotEvent, Decision, Policy } from '@allot/engine';
import { readDecisions } from '@allot/store';
import type { Store } from '@allot/store';

const root = new URL('../../../', import.meta.url);

/** The seed policy 1.0.0 as parsed JSON (a fresh copy each call, so tests may change it). */
export function seedPolicy(): Policy {
  const json = JSON.parse(readFileSync(new URL('policies/sales-resource/1.0.0.json', root), 'utf8')) as unknown;
  const validation = validatePolicy(json);
  if (!validation.ok) throw new Error('the seed policy is invalid');
  return validation.policy as Policy;
}

/** examples/history.jsonl: its text, lines and events. */
export const historyText = readFileSync(new URL('examples/history.jsonl', root), 'utf8');
export const historyLines = historyText.split('\n').filter((l) => l.trim().length > 0);
export const historyEvents: AllotEvent[] = parseEvents(historyText).events;

/** What `allot simulate` gives for the history under 1.0.0. */
export const simulatedHistory: Decision[] = simulate(seedPolicy(), historyEvents);

/** The instant of the history's last event. */
export const historyEnd = historyEvents[historyEvents.length - 1]?.at ?? '';

/** Every stored decision's payload, in seq order. */
export async function storedDecisions(store: Store): Promise<Decision[]> {
  const out: Decision[] = [];
  for (let after = 0; ; ) {
    const page = await readDecisions(store.db, { afterSeq: after, limit: 5_000 });
    if (page.length === 0) return out;
    for (const d of page) out.push(d.payload as unknown as Decision);
    after = page[page.length - 1]?.seq ?? after;
  }
}

/** A clock fixed at an instant (the runtime reads no other). */
export const fixedClock = (iso = '2026-06-01T00:00:00+08:00'): (() => Date) => () => new Date(iso);

/** Makes events for hand-written scenarios: `ev('e1', 'staff.joined', '2026-03-01T09:00:00+08:00', { staffId: 's1', role: 'rep' })`. */
export function ev(id: string, type: string, at: string, fields: Record<string, unknown> = {}): Record<string, unknown> {
  return { id, type, at, ...fields };
}
