import type { Reducer, Step } from '../core/reducer.js';
import { applyConsequences } from '../core/consequences.js';
import type { ClientState } from '../core/state.js';
import type { ContactMade, ManagerReported } from '../events/event-types.js';
import { ownerActivity } from './clients.js';

/**
 * The `deadline` rule started by a direct allocation (D1): the client must be contacted and
 * reported within the rule's duration, in natural or working time (a clock started outside
 * working time runs from the next working instant). A policy without one opens no window.
 */
export function openFollowUp(r: Reducer, client: ClientState, staffId: string, at: number, cause: string): void {
  const d1 = r.prepared.followUp;
  if (d1 === undefined) return;
  const deadline = d1.end(at);
  if (!Number.isFinite(deadline)) return;
  const token = r.nextToken();
  client.followUp = { staffId, deadline, contacted: false, reported: false, cause, token };
  r.schedule(deadline, d1.rule.id, client.id, 'follow_up', token, 'D1');
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
  const d1 = r.prepared.followUp;
  const staff = r.staff(f.staffId);
  if (d1 === undefined || !d1.rule.enabled || staff.left) return;
  const facts = { contacted: f.contacted, reported: f.reported, mode: 'direct' };
  if (!(yield { check: d1.check, facts })) return;
  const missing = [
    ...(f.contacted ? [] : [{ zh: '联系客户', en: 'contact the client' }]),
    ...(f.reported ? [] : [{ zh: '向销售经理反馈进度', en: 'report progress to the manager' }]),
  ];
  const rule = d1.check.text;
  applyConsequences(r, staff, d1.rule.id, d1.rule.then ?? {}, at, [f.cause], {
    zh: `直接分配的客户 ${client.id} 未在 ${d1.span.zh}内${missing.map((m) => m.zh).join('并')}(${rule.zh})`,
    en: `did not ${missing.map((m) => m.en).join(' and ')} within ${d1.span.en} of the direct allocation of client ${client.id} (${rule.en})`,
  });
}
