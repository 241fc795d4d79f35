import type { Reducer, Step } from '../core/reducer.js';
import type { LeadReceived } from '../events/event-types.js';
import { yuan } from '../explain.js';
import type { Tier } from '../policy/policy-types.js';

/**
 * `lead.received`: D2 drops a repeated lead for a known client; the policy's `tiering` rule
 * (T1) tiers a client by its expected deal: an ordered decision table over the tier codes the
 * policy declares, the first rung whose condition holds, else `otherwise`.
 */
export function* leadReceived(r: Reducer, e: LeadReceived, at: number): Step {
  const client = r.client(e.clientId);
  const rules = r.prepared.policy.rules;
  if (client.firstLeadId !== undefined && rules.D2.enabled) {
    r.emit('lead.duplicate', 'D2', at, { clientId: e.clientId, keptEventId: client.firstLeadId }, [e.id], {
      zh: `客户 ${e.clientId} 已由线索 ${client.firstLeadId} 先录入,本条重复线索不再分级或分配`,
      en: `client ${e.clientId} was first entered by lead ${client.firstLeadId}; this duplicate is not tiered or allocated again`,
    });
    return;
  }
  if (client.firstLeadId === undefined) client.firstLeadId = e.id;
  const tiering = r.prepared.tiering;
  if (e.expectedDealFen !== undefined && tiering !== undefined && tiering.enabled) {
    const facts = { expectedDealFen: e.expectedDealFen, channel: e.channel };
    for (const { tier, check } of tiering.tiers) {
      if (yield { check, facts }) {
        client.tier = tier as Tier;
        const rule = check.text;
        r.emit('client.tiered', tiering.id, at, { clientId: e.clientId, tier, expectedDealFen: e.expectedDealFen }, [e.id], {
          zh: `预计成交金额 ${yuan(e.expectedDealFen)} 元,满足 ${rule.zh},定为 ${tier} 类客户`,
          en: `expected deal ${yuan(e.expectedDealFen)} yuan meets ${rule.en}: tier ${tier}`,
        });
        return;
      }
    }
    const tier = tiering.otherwise as Tier;
    client.tier = tier;
    r.emit('client.tiered', tiering.id, at, { clientId: e.clientId, tier, expectedDealFen: e.expectedDealFen }, [e.id], {
      zh: `预计成交金额 ${yuan(e.expectedDealFen)} 元,未达到任何更高类别门槛,定为 ${tier} 类客户`,
      en: `expected deal ${yuan(e.expectedDealFen)} yuan is below every higher tier's threshold: tier ${tier}`,
    });
    return;
  }
  if (e.classifiedTier !== undefined) client.tier = e.classifiedTier;
}
