import { armDevelopment, armInactivity, returnToPool, setOwner } from '../core/ownership.js';
import type { Reducer } from '../core/reducer.js';
import type { ClientState } from '../core/state.js';
import type { ClaimExtended, ClientReassigned, ClientRegistered, ClientSwapped, SalesActivity } from '../events/event-types.js';
import { instantOf } from '../time/instant.js';

/** Activity by the owner restarts R3's clock; anyone else's does not. */
export function ownerActivity(r: Reducer, client: ClientState, staffId: string, at: number, cause: string): void {
  if (client.owner === staffId && client.allocated && !client.closed) armInactivity(r, client, at, cause);
}

/** `sales.activity`: R3 activity. */
export function salesActivity(r: Reducer, e: SalesActivity, at: number): void {
  ownerActivity(r, r.client(e.clientId), e.staffId, at, e.id);
}

/**
 * `client.registered` (R1, R2): another owner's client is rejected (`until` is the R2 deadline
 * running then); a registration more than the window after development is late but stands.
 * A registration starts a registered hold and R2's clock; a repeated one by the registered
 * owner decides nothing while R2 runs. After a return to the pool or a closed deal the clocks
 * are over, so a registration is new again.
 */
export function clientRegistered(r: Reducer, e: ClientRegistered, at: number): void {
  const rules = r.prepared.policy.rules;
  const client = r.client(e.clientId);
  const owner = client.owner;
  if (rules.R1.enabled && owner !== undefined && owner !== e.staffId) {
    const dev = client.development;
    const until = dev === undefined ? {} : { until: r.iso(dev.deadline) };
    r.emit('registration.rejected', 'R1', at, { clientId: client.id, staffId: e.staffId, protectedBy: owner, ...until }, [e.id], {
      zh: `客户 ${client.id} 已由 ${owner} 跟进${dev === undefined ? '' : `并登记备案,保护期至 ${r.iso(dev.deadline)}`},禁止其他销售人员再度开发`,
      en: `client ${client.id} belongs to ${owner}${dev === undefined ? '' : `, registered and protected until ${r.iso(dev.deadline)}`}; other reps may not develop it`,
    });
    return;
  }
  if (client.registered && owner === e.staffId && client.development !== undefined) return;
  const hours = rules.R1.windowHours;
  if (rules.R1.enabled && at - instantOf(e.developedAt) > hours * 3_600_000) {
    r.emit('registration.late', 'R1', at, { clientId: client.id, staffId: e.staffId }, [e.id], {
      zh: `新开发客户 ${client.id} 于 ${e.developedAt} 开发,超过 ${hours} 小时才登记备案`,
      en: `client ${client.id}, developed at ${e.developedAt}, was registered more than ${hours} hours later`,
    });
  }
  setOwner(r, client, e.staffId, at, e.id);
  client.registered = true;
  const deadline = r.prepared.zone.addMonths(at, rules.R2.windowMonths);
  armDevelopment(r, client, deadline, [e.id], deadline, 'R2');
}

/** `claim.extended` (R2): moves the current deadline by `days` and re-arms it. */
export function claimExtended(r: Reducer, e: ClaimExtended, at: number): void {
  const client = r.client(e.clientId);
  const dev = client.development;
  if (dev === undefined) return;
  const deadline = r.prepared.zone.addDays(dev.deadline, e.days);
  armDevelopment(r, client, deadline, [...dev.causes, e.id], Math.max(deadline, at));
}

/** `client.swapped`: a change of owner; without the director's approval R4 sends the credit to the department. */
export function clientSwapped(r: Reducer, e: ClientSwapped, at: number): void {
  setOwner(r, r.client(e.clientId), e.toStaffId, at, e.id, e.approvedBy === undefined);
}

/** `client.reassigned`: the company assigns the client; the hold is handed out from now (R3). */
export function clientReassigned(r: Reducer, e: ClientReassigned, at: number): void {
  handOut(r, r.client(e.clientId), e.toStaffId, at, e.id);
}

/**
 * A hand-out (`lead.assigned`, `client.reassigned`): the hold is handed out, so R3 applies. A
 * change of owner restarts R3; one to the current owner starts it only when none ran (the hold
 * was registration only, or a closed deal had ended it).
 */
export function handOut(r: Reducer, client: ClientState, staffId: string, at: number, causeId: string): void {
  const start = !client.allocated || client.closed;
  client.allocated = true;
  client.closed = false;
  if (!setOwner(r, client, staffId, at, causeId) && start) armInactivity(r, client, at, causeId);
}

/** R2's deadline passes unconverted: a review is due, to whoever owns the client then. */
export function reviewDue(r: Reducer, client: ClientState, token: number, at: number): void {
  const dev = client.development;
  if (dev === undefined || dev.token !== token || dev.fired || client.owner === undefined) return;
  dev.fired = true;
  const r2 = r.prepared.policy.rules.R2;
  if (!r2.enabled) return;
  r.emit('client.review_due', 'R2', at, { clientId: client.id, staffId: client.owner, reason: 'not_converted' }, dev.causes, {
    zh: `客户 ${client.id} 登记后 ${r2.windowMonths} 个月${dev.causes.length > 1 ? '(含批准的延期)' : ''}内未开发成功,需召开评审会议`,
    en: `client ${client.id} not converted within ${r2.windowMonths} months of registration${dev.causes.length > 1 ? ' (plus approved extensions)' : ''}: a review is due`,
  });
}

/** R3's clock passes: a reclaim notice; with auto-reclaim the client goes back to the pool. */
export function inactivityDue(r: Reducer, client: ClientState, token: number, at: number): void {
  const clock = client.inactivity;
  if (clock === undefined || clock.token !== token || clock.fired || client.closed || client.owner === undefined) return;
  const r3 = r.prepared.policy.rules.R3;
  if (clock.deadline > at) {
    // Activity or a change of owner moved the clock since this entry was queued.
    clock.queued = clock.deadline;
    r.schedule(clock.deadline, 'R3', client.id, 'inactivity', token);
    return;
  }
  clock.fired = true;
  if (!r3.enabled) return;
  const owner = client.owner;
  r.emit('client.reclaim_due', 'R3', at, { clientId: client.id, staffId: owner, reason: 'inactive' }, [clock.cause], {
    zh: `客户 ${client.id} 已 ${r3.windowMonths} 个月无销售活动,市场总监可收回重新分配`,
    en: `no sales activity on client ${client.id} for ${r3.windowMonths} months: the director may reclaim it`,
  });
  if (!r3.autoReclaim) return;
  returnToPool(r, client);
  r.emit('client.reclaimed', 'R3', at, { clientId: client.id, fromStaffId: owner }, [clock.cause], {
    zh: `按政策自动收回客户 ${client.id} 至公海`,
    en: `client ${client.id} automatically returned to the pool`,
  });
}
