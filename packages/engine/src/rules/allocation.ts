import { setOwner } from '../core/ownership.js';
import type { Reducer } from '../core/reducer.js';
import { blockingBan, blockingPauseRule, usePause } from '../core/sanctions.js';
import type { ClientState, StaffState } from '../core/state.js';
import type { LeadAllocate, LeadAssigned } from '../events/event-types.js';
import { handOut } from './clients.js';
import { openFollowUp } from './follow-up.js';

/**
 * Walks the ring once from the pointer (SPEC §2 "Allocation"): level mismatch (under
 * `matchLevel`) and bans pass a member over; a pause is used up and passes over; the cap passes
 * over. Returns the member found, and moves the pointer past them.
 */
function walkRing(r: Reducer, client: ClientState, at: number): StaffState | undefined {
  const state = r.state;
  const ring = state.ring;
  const p1 = r.prepared.policy.rules.P1;
  const n = ring.length;
  for (let i = 0; i < n; i++) {
    const idx = (state.pointer + i) % n;
    const staff = r.staff(ring[idx] as string);
    if (p1.matchLevel && (client.tier === undefined || staff.level !== client.tier)) continue;
    if (staff.bans.length > 0 && blockingBan(staff, at) !== undefined) continue;
    if (staff.pauseTotal > 0) {
      usePause(staff);
      r.pauseChanges.add(staff.id);
      continue;
    }
    if (p1.capOwned !== null && staff.owned.size >= p1.capOwned) continue;
    state.pointer = (idx + 1) % n;
    return staff;
  }
  return undefined;
}

/** `lead.allocate` (P1): the engine picks the owner by round robin; `direct` opens D1. */
export function leadAllocate(r: Reducer, e: LeadAllocate, at: number): void {
  const p1 = r.prepared.policy.rules.P1;
  if (!p1.enabled) return;
  const client = r.client(e.clientId);
  if (client.owner !== undefined) {
    r.emit('lead.unallocated', 'P1', at, { clientId: client.id, reason: 'already_owned' }, [e.id], {
      zh: `客户 ${client.id} 已归属 ${client.owner},不再分配`,
      en: `client ${client.id} already belongs to ${client.owner}; not allocated again`,
    });
    return;
  }
  const staff = walkRing(r, client, at);
  if (staff === undefined) {
    r.emit('lead.unallocated', 'P1', at, { clientId: client.id, reason: 'no_eligible_staff' }, [e.id], {
      zh: `轮流分配的 ${r.state.ring.length} 人中无人符合条件(停止分配、暂停或已达上限)`,
      en: `none of the ${r.state.ring.length} members of the allocation ring is eligible (banned, paused or at the cap)`,
    });
    return;
  }
  client.allocated = true;
  client.closed = false;
  setOwner(r, client, staff.id, at, e.id);
  const mode = e.mode ?? 'pool';
  r.emit('lead.allocated', 'P1', at, { clientId: client.id, staffId: staff.id }, [e.id], {
    zh: `按轮流分配原则,${mode === 'direct' ? '直接' : ''}分配给下一位符合条件的 ${staff.id}`,
    en: `round robin: ${mode === 'direct' ? 'directly ' : ''}allocated to the next eligible member, ${staff.id}`,
  });
  if (mode === 'direct') openFollowUp(r, client, staff.id, at, e.id);
}

/** `lead.assigned`: a person's assignment is recorded; one to a blocked member is a breach. */
export function leadAssigned(r: Reducer, e: LeadAssigned, at: number): void {
  const client = r.client(e.clientId);
  const staff = r.staff(e.staffId);
  const ban = staff.bans.length > 0 ? blockingBan(staff, at) : undefined;
  if (ban !== undefined) {
    r.emit('allocation.breach', ban.rule, at, { clientId: client.id, staffId: staff.id, reason: 'banned' }, [e.id], {
      zh: `${staff.id} 在 ${r.iso(ban.until)} 前停止资源分配(${ban.rule}),仍被分配客户 ${client.id}`,
      en: `${staff.id} is barred from allocations until ${r.iso(ban.until)} (${ban.rule}) but was assigned client ${client.id}`,
    });
  } else if (staff.pauseTotal > 0) {
    const rule = blockingPauseRule(staff) ?? 'P1';
    r.emit('allocation.breach', rule, at, { clientId: client.id, staffId: staff.id, reason: 'paused' }, [e.id], {
      zh: `${staff.id} 尚有 ${staff.pauseTotal} 次暂停分配(${rule}),仍被分配客户 ${client.id}`,
      en: `${staff.id} has ${staff.pauseTotal} allocation pause(s) outstanding (${rule}) but was assigned client ${client.id}`,
    });
  }
  // R3 starts with the hand-out, even when the assignee already owns the client.
  handOut(r, client, staff.id, at, e.id);
  if (e.mode === 'direct') openFollowUp(r, client, staff.id, at, e.id);
}
