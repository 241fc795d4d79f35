import { returnToPool, setOwner } from '../core/ownership.js';
import type { Reducer } from '../core/reducer.js';
import type { StaffState } from '../core/state.js';
import type { StaffJoined, StaffLeft } from '../events/event-types.js';

const removeFromRing = (r: Reducer, staff: StaffState): void => {
  const state = r.state;
  const idx = state.ring.indexOf(staff.id);
  if (idx >= 0) {
    state.ring.splice(idx, 1);
    if (idx < state.pointer) state.pointer--;
    if (state.pointer >= state.ring.length) state.pointer = 0;
  }
  staff.inRing = false;
};

/** `staff.joined`: a member with an allocating role joins the end of the ring (P1). */
export function staffJoined(r: Reducer, e: StaffJoined): void {
  const staff = r.staff(e.staffId, e.role);
  staff.role = e.role;
  staff.level = e.level;
  staff.left = false;
  delete staff.leftAt;
  const allocates = r.prepared.ringRoles.has(e.role);
  if (allocates && !staff.inRing) {
    r.state.ring.push(staff.id);
    staff.inRing = true;
  } else if (!allocates && staff.inRing) {
    removeFromRing(r, staff);
  }
}

/** `staff.left` (L1): out of the ring; each owned client goes to the successor or back to the pool. */
export function staffLeft(r: Reducer, e: StaffLeft, at: number): void {
  const staff = r.staff(e.staffId);
  staff.left = true;
  staff.leftAt = at;
  removeFromRing(r, staff);
  if (!r.prepared.policy.rules.L1.enabled) return;
  const ids = [...staff.owned].sort();
  for (const clientId of ids) {
    const client = r.client(clientId);
    if (e.successorId !== undefined && e.successorId !== staff.id) {
      setOwner(r, client, e.successorId, at, e.id);
      r.emit('client.transferred', 'L1', at, { clientId, fromStaffId: staff.id, toStaffId: e.successorId }, [e.id], {
        zh: `${staff.id} 离职,客户 ${clientId} 移交给 ${e.successorId}`,
        en: `${staff.id} left; client ${clientId} handed over to ${e.successorId}`,
      });
    } else {
      returnToPool(r, client);
      r.emit('client.reclaimed', 'L1', at, { clientId, fromStaffId: staff.id }, [e.id], {
        zh: `${staff.id} 离职且未指定接替人,客户 ${clientId} 收回公海`,
        en: `${staff.id} left with no successor; client ${clientId} returns to the pool`,
      });
    }
  }
}
