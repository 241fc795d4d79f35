import type { AllotEvent, Decision } from '@allot/engine';
import { applyEvent } from './apply-event.js';
import { fireDeadlines } from './fire-deadlines.js';
import { createState } from './reducer-state.js';
import { formatAt, isShanghaiForm, monthIndexOf, monthStart, parseAt } from './shanghai-time.js';

/** Options of {@link handwrittenSimulate}. */
export interface HandwrittenOptions {
  /** Inclusive end (ISO-8601 with offset). Default: the last event's `at`. Later events are ignored. */
  until?: string;
  /** The `hash` decisions cite in `policy` (the engine's `policyHash` of the 1.0.0 file). */
  policyHash?: string;
}

/**
 * A hand-specialised reducer for policy `sales-resource` 1.0.0 (every number hard-coded, zone
 * fixed at +08:00), written from SPEC and docs/semantics.md independently of the engine, as the
 * benchmark's practical speed limit. Events must come in time order; decisions come in SPEC
 * order. Explanations are short fixed sentences.
 */
export function* handwrittenSimulate(events: Iterable<AllotEvent>, options: HandwrittenOptions = {}): Generator<Decision> {
  const state = createState({ id: 'sales-resource', version: '1.0.0', hash: options.policyHash ?? 'sha256:unknown' });
  const until = options.until === undefined ? Number.POSITIVE_INFINITY : parseAt(options.until);
  const out = state.out;
  let last = Number.NEGATIVE_INFINITY;
  for (const event of events) {
    const t = parseAt(event.at);
    if (t > until) break;
    if (t !== last) {
      if (t < last) throw new Error(`events out of time order at ${event.id} (${event.at})`);
      if (Number.isNaN(state.nextClose)) state.nextClose = monthStart(monthIndexOf(t) + 1);
      else fireDeadlines(state, t, false);
      last = t;
    }
    if (out.length !== 0) {
      for (let i = 0; i < out.length; i++) yield out[i]!;
      out.length = 0;
    }
    applyEvent(state, event, t, isShanghaiForm(event.at) ? event.at : formatAt(t));
    if (out.length !== 0) {
      for (let i = 0; i < out.length; i++) yield out[i]!;
      out.length = 0;
    }
  }
  fireDeadlines(state, options.until === undefined ? last : until, true);
  for (let i = 0; i < out.length; i++) yield out[i]!;
  out.length = 0;
}
