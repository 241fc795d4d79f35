import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseEvents, parseInstant } from '@allot/engine';
import type { AllotEvent, AnyPolicy, Policy } from '@allot/engine';

/** The repository root (this file lives in test/bench/). */
export const ROOT = fileURLToPath(new URL('../../', import.meta.url));

/** The bundled default policy, `policies/sales-resource/1.0.0.json`. */
export function loadDefaultPolicy(): Policy {
  return JSON.parse(readFileSync(`${ROOT}policies/sales-resource/1.0.0.json`, 'utf8')) as Policy;
}

/** The same policy in format 2 (policies/sales-resource/2.0.0.json), which must decide the same. */
export function loadPolicyV2(): AnyPolicy {
  return JSON.parse(readFileSync(`${ROOT}policies/sales-resource/2.0.0.json`, 'utf8')) as AnyPolicy;
}

/** `examples/history.jsonl` parsed (throws on an invalid line), or null when the file is absent. */
export function loadExampleHistory(): AllotEvent[] | null {
  const path = `${ROOT}examples/history.jsonl`;
  if (!existsSync(path)) return null;
  const parsed = parseEvents(readFileSync(path, 'utf8'));
  if (parsed.errors.length > 0) throw new Error(`examples/history.jsonl: ${JSON.stringify(parsed.errors.slice(0, 3))}`);
  return parsed.events;
}

/** Events stably sorted by instant (ties keep file order), as `simulate` orders them. */
export function inTimeOrder(events: readonly AllotEvent[]): AllotEvent[] {
  const keyed = events.map((event, index) => ({ event, index, t: parseInstant(event.at) ?? Number.NaN }));
  keyed.sort((a, b) => a.t - b.t || a.index - b.index);
  return keyed.map((k) => k.event);
}

/**
 * The engine-wide (V8 string table) copy of a string: a property key is always internalized, so
 * comparing it with a string literal (`switch (event.type)`) is a pointer comparison.
 */
function internalized(value: string): string {
  const holder: Record<string, true> = { [value]: true };
  return Object.keys(holder)[0] ?? value;
}

/**
 * Copies a generated history into one compact array. Each event is re-read through
 * `JSON.parse` (one object of exactly its own fields, flat strings: a generator's strings are
 * often concatenations that keep their pieces alive), and every string but the unique `id` is
 * interned and internalized, so events share their staff and client ids, enum values and
 * instants. This halves the memory a million-event history takes.
 */
export function collectCompact(source: Iterable<AllotEvent>, collectGarbage?: () => void): AllotEvent[] {
  const pool = new Map<string, string>();
  const events: AllotEvent[] = [];
  let lastAt = '';
  for (const event of source) {
    const copy = JSON.parse(JSON.stringify(event)) as Record<string, unknown>;
    for (const key in copy) {
      const value = copy[key];
      if (key === 'id' || typeof value !== 'string') continue;
      if (key === 'at') {
        // Events come in time order: an instant repeats only right after itself.
        if (value === lastAt) copy[key] = lastAt;
        else lastAt = value;
        continue;
      }
      let shared = pool.get(value);
      if (shared === undefined) pool.set(value, (shared = internalized(value)));
      copy[key] = shared;
    }
    events.push(copy as unknown as AllotEvent);
    // The generator's own garbage would otherwise pile up in the old generation and raise the peak RSS.
    if (collectGarbage !== undefined && events.length % 250_000 === 0) collectGarbage();
  }
  return events;
}
