/**
 * The appeals API over HTTP (route files guard, then call one of these): a rep's answer to a
 * decision of hers, and a manager's decision on an appeal or dismissal of a sanction.
 */
import type { SessionUser } from '../auth';
import { getApp } from '../shared/app-context';
import { json, readJsonBody } from '../shared/guard';
import { asRecord, intField, stringField } from '../shared/request-body';
import { badRequest } from '../shared/step-response';
import { answerAsRep, decideAsManager, MANAGER_OUTCOMES, REASON_MAX, REP_ACTIONS, type AnswerResult, type ManagerOutcome, type RepAction } from './appeals';

const answer = (result: AnswerResult): Response =>
  result.ok ? json({ event: result.event, decisions: result.decisions }, 201) : json({ error: result.error, message: result.message }, result.status);

/** POST /api/appeals: a rep answers a decision of hers: `{ decisionId, action: appeal | acknowledge | refuse, reason?, witness? }`. */
export async function postRepAnswer(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const decisionId = stringField(body, 'decisionId', 200);
  const action = stringField(body, 'action', 20);
  if (decisionId === '') return badRequest('缺少决定编号', 'decisionId is required');
  if (!(REP_ACTIONS as readonly string[]).includes(action)) return badRequest('操作无效', `action must be one of ${REP_ACTIONS.join(', ')}`);
  const reason = stringField(body, 'reason', REASON_MAX + 1);
  if (reason.length > REASON_MAX) return badRequest(`理由最多 ${REASON_MAX} 字`, `the reason is at most ${REASON_MAX} characters`);
  return answer(await answerAsRep(await getApp(), user, { decisionId, action: action as RepAction, reason, witness: stringField(body, 'witness', 64) }));
}

/** POST /api/appeals/decide: a manager decides: `{ decisionId, outcome: upheld | overturned | reduced | dismissed, reason, amountFen?, days? }`. */
export async function postManagerDecision(request: Request, user: SessionUser): Promise<Response> {
  const read = await readJsonBody(request);
  if (!read.ok) return read.response;
  const body = asRecord(read.value);
  const decisionId = stringField(body, 'decisionId', 200);
  const outcome = stringField(body, 'outcome', 20);
  if (decisionId === '') return badRequest('缺少决定编号', 'decisionId is required');
  if (!(MANAGER_OUTCOMES as readonly string[]).includes(outcome)) return badRequest('结果无效', `outcome must be one of ${MANAGER_OUTCOMES.join(', ')}`);
  const reason = stringField(body, 'reason', REASON_MAX + 1);
  if (reason.trim() === '') return badRequest('请填写决定理由', 'a reason is required');
  if (reason.length > REASON_MAX) return badRequest(`理由最多 ${REASON_MAX} 字`, `the reason is at most ${REASON_MAX} characters`);
  const amountFen = intField(body, 'amountFen');
  const days = intField(body, 'days');
  return answer(
    await decideAsManager(await getApp(), user, {
      decisionId,
      outcome: outcome as ManagerOutcome,
      reason,
      ...(amountFen === null ? {} : { amountFen }),
      ...(days === null ? {} : { days }),
    }),
  );
}
