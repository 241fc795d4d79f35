import type { Reducer } from '../core/reducer.js';
import type { DealClosed } from '../events/event-types.js';
import { yuan } from '../explain.js';

/**
 * `deal.closed`: credit to the closer when they own the client (R2); to the department when the
 * ownership came from an unapproved swap or the closer is not the owner (R4), or when nobody owns
 * the client (R5). A closed deal ends the R2 and R3 clocks running then; a later new hold
 * (a registration, an allocation, an assignment) starts new ones.
 */
export function dealClosed(r: Reducer, e: DealClosed, at: number): void {
  const rules = r.prepared.policy.rules;
  const client = r.client(e.clientId);
  const owner = client.owner;
  const amount = `${yuan(e.amountFen)}`;
  let to: string = e.staffId;
  let rule = 'R2';
  let explain = {
    zh: `${e.staffId} 拥有客户 ${client.id},成交 ${amount} 元计入其本人业绩`,
    en: `${e.staffId} owns client ${client.id}: the ${amount} yuan deal is credited to them`,
  };
  if (owner === undefined && rules.R5.enabled) {
    to = 'department';
    rule = 'R5';
    explain = {
      zh: `客户 ${client.id} 成交时无人登记跟进,${amount} 元业绩归部门`,
      en: `client ${client.id} had no registered owner at closing: ${amount} yuan credited to the department`,
    };
  } else if (owner !== undefined && owner !== e.staffId && rules.R4.enabled) {
    to = 'department';
    rule = 'R4';
    explain = {
      zh: `成交人 ${e.staffId} 不是客户 ${client.id} 的归属人(${owner}),${amount} 元业绩归部门`,
      en: `closer ${e.staffId} is not the owner of client ${client.id} (${owner}): ${amount} yuan credited to the department`,
    };
  } else if (owner === e.staffId && client.unapprovedSwap && rules.R4.enabled) {
    to = 'department';
    rule = 'R4';
    explain = {
      zh: `客户 ${client.id} 经未经市场总监批准的私下调换归 ${e.staffId},${amount} 元业绩归部门`,
      en: `client ${client.id} reached ${e.staffId} through a swap the director did not approve: ${amount} yuan credited to the department`,
    };
  }
  r.emit('deal.credited', rule, at, { clientId: client.id, to, amountFen: e.amountFen }, [e.id], explain);
  client.closed = true;
  client.development = undefined;
  client.inactivity = undefined;
}
