import type { Reducer, Step } from '../core/reducer.js';
import { applySanction } from '../core/sanctions.js';
import type { ClientState } from '../core/state.js';
import type { ContactMade, ManagerReported } from '../events/event-types.js';
import { ownerActivity } from './clients.js';

/** D1: a direct allocation must be contacted and reported within the window. */
export function openFollowUp(r: Reducer, client: ClientState, staffId: string, at: number, cause: string): void {
  const deadline = at + r.prepared.policy.rules.D1.windowMinutes * 60_000;
  const token = r.nextToken();
  client.followUp = { staffId, deadline, contacted: false, reported: false, cause, token };
  r.schedule(deadline, 'D1', client.id, 'follow_up', token, 'D1');
}

/** `contact.made`: counts for D1 and, by the owner, as activity for R3. */
export function contactMade(r: Reducer, e: ContactMade, at: number): void {
  const client = r.client(e.clientId);
  const f = client.followUp;
  if (f !== undefined && f.staffId === e.staffId && at <= f.deadline) f.contacted = true;
  ownerActivity(r, client, e.staffId, at, e.id);
}

/** `manager.reported`: the progress report D1 asks for. */
export function managerReported(r: Reducer, e: ManagerReported, at: number): void {
  const f = r.client(e.clientId).followUp;
  if (f !== undefined && f.staffId === e.staffId && at <= f.deadline) f.reported = true;
}

/** The D1 window passes: when the condition holds (not contacted or not reported), the sanction applies. */
export function* followUpDue(r: Reducer, client: ClientState, token: number, at: number): Step {
  const f = client.followUp;
  if (f === undefined || f.token !== token) return;
  client.followUp = undefined;
  const d1 = r.prepared.policy.rules.D1;
  const staff = r.staff(f.staffId);
  if (!d1.enabled || staff.left) return;
  const facts = { contacted: f.contacted, reported: f.reported, mode: 'direct' };
  if (!(yield { check: r.prepared.followUp, facts })) return;
  const missing = [
    ...(f.contacted ? [] : [{ zh: '联系客户', en: 'contact the client' }]),
    ...(f.reported ? [] : [{ zh: '向销售经理反馈进度', en: 'report progress to the manager' }]),
  ];
  const rule = r.prepared.followUp.text;
  applySanction(r, staff, 'D1', d1.then, at, [f.cause], {
    zh: `直接分配的客户 ${client.id} 未在 ${d1.windowMinutes} 分钟内${missing.map((m) => m.zh).join('并')}(${rule.zh})`,
    en: `did not ${missing.map((m) => m.en).join(' and ')} within ${d1.windowMinutes} minutes of the direct allocation of client ${client.id} (${rule.en})`,
  }, 'late_follow_up');
}
