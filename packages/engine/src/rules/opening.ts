import type { Facts } from '../conditions/condition-types.js';
import { returnToPool } from '../core/ownership.js';
import type { Reducer, Step } from '../core/reducer.js';
import type { OpeningClient, OpeningStaff } from '../events/event-types.js';
import { instantOf } from '../time/instant.js';

/**
 * Opening state (docs/events.md "Opening state"): what was already running when the company
 * went live. These events set the reducer's state as if the history before go-live had been
 * replayed, and decide nothing themselves; a clock they arm that is already past falls due at
 * the opening's instant (decisions never go back in time).
 */

/** Rules cited by opened sanctions when the event names none (allocation.breach cites them). */
const DEFAULT_BAN_RULE = 'V1';
const DEFAULT_PAUSE_RULE = 'M1';

/**
 * `opening.staff`: a running ban and hotline ban (from the opening's instant), pauses owed,
 * and penalised violations before go-live. Prior violations are marks on every each-event
 * ladder counting `violation` whose condition a normal violation meets (month-close ladders
 * count by calendar month, and a count has no month), so the next violation climbs from there.
 */
export function* openingStaff(r: Reducer, e: OpeningStaff, at: number): Step {
  const state = r.state;
  const staff = r.staff(e.staffId);
  if (e.banUntil !== undefined) {
    const until = instantOf(e.banUntil);
    if (until > at) staff.bans.push({ rule: e.rule ?? DEFAULT_BAN_RULE, from: at, until, seq: ++state.seq });
  }
  if (e.hotlineBanUntil !== undefined) {
    const until = instantOf(e.hotlineBanUntil);
    if (until > at) staff.hotlineBans.push({ rule: e.rule ?? DEFAULT_BAN_RULE, from: at, until, seq: ++state.seq });
  }
  if (e.pausesOwed !== undefined) {
    staff.pauses.push({ rule: e.rule ?? DEFAULT_PAUSE_RULE, remaining: e.pausesOwed, seq: ++state.seq });
    staff.pauseTotal += e.pausesOwed;
    r.pauseChanges.add(staff.id);
  }
  const prior = e.priorViolations;
  if (prior === undefined) return;
  const ladders = r.prepared.occurrences.get('violation') ?? [];
  // The facts of a normal violation of this member at the opening's instant.
  const facts = { id: e.id, type: 'violation', at: e.at, staffId: e.staffId, severity: 'normal' } as unknown as Facts;
  for (const ladder of ladders) {
    if (ladder.kind !== 'ladder' || ladder.rule.evaluate === 'month_close' || ladder.subject !== 'staffId') continue;
    if (!(yield { check: ladder.match, facts })) continue;
    if (ladder.escape !== undefined && (yield { check: ladder.escape, facts })) continue;
    let marks = staff.marks[ladder.rule.id];
    if (marks === undefined) {
      marks = [];
      staff.marks[ladder.rule.id] = marks;
    }
    for (let i = 0; i < prior; i++) marks.push({ at, id: e.id });
  }
}

/**
 * `opening.client`: the client's owner, tier and clocks at go-live. What ran before for this
 * client ends first (as a return to the pool would), then the opened hold starts: registered
 * when `registeredAt` or `r2Deadline` is given (R2's deadline is `r2Deadline`, else
 * `registeredAt` + the policy's months), handed out when `handedOutAt` is given (R3 runs from
 * the later of `handedOutAt` and `lastActivityAt`).
 */
export function openingClient(r: Reducer, e: OpeningClient, at: number): void {
  const client = r.client(e.clientId);
  if (e.tier !== undefined) client.tier = e.tier;
  returnToPool(r, client);
  if (e.owner === undefined) return;
  client.owner = e.owner;
  r.staff(e.owner).owned.add(client.id);
  const rules = r.prepared.policy.rules;
  const zone = r.prepared.zone;
  if (e.registeredAt !== undefined || e.r2Deadline !== undefined) {
    client.registered = true;
    const deadline = e.r2Deadline !== undefined ? instantOf(e.r2Deadline) : zone.addMonths(instantOf(e.registeredAt as string), rules.R2.windowMonths);
    const token = r.nextToken();
    client.development = { deadline, causes: [e.id], token, fired: false };
    r.schedule(Math.max(deadline, at), 'R2', client.id, 'review', token);
  }
  if (e.handedOutAt !== undefined) {
    client.allocated = true;
    const handed = instantOf(e.handedOutAt);
    const active = e.lastActivityAt === undefined ? handed : Math.max(handed, instantOf(e.lastActivityAt));
    const deadline = zone.addMonths(active, rules.R3.windowMonths);
    const queued = Math.max(deadline, at);
    const token = r.nextToken();
    client.inactivity = { start: active, deadline, queued, cause: e.id, token, fired: false };
    r.schedule(queued, 'R3', client.id, 'inactivity', token);
  }
}
