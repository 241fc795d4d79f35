import { ALLOCATION_MODES } from '@allot/engine';
import type { AllocationMode } from '@allot/engine';
import { badField, internalError, isId, readJsonObject, requireToken } from '../../../../features/api-v1/http';
import { runtimeAnswer } from '../../../../features/api-v1/events';
import { requestHash, withIdempotency } from '../../../../features/api-v1/idempotency';
import { getApp } from '../../../../features/shared/app-context';

/**
 * `POST /api/v1/allocate` (scope `write`): `{ clientId, mode? }` asks the runtime to allocate the
 * client now under the policy in force (a `lead.allocate` event); answers `{ decision }`, the
 * `lead.allocated` or `lead.unallocated` decision (null when allocation is switched off).
 * Each call allocates again, so a retry should carry an `Idempotency-Key`.
 */
export async function POST(request: Request): Promise<Response> {
  const auth = await requireToken(request, 'write');
  if (!auth.ok) return auth.response;
  const read = await readJsonObject(request);
  if (!read.ok) return read.response;
  const clientId = read.body['clientId'];
  const mode = read.body['mode'] ?? 'pool';
  if (!isId(clientId)) return badField('clientId', 'expected a string of 1–128 characters');
  if (typeof mode !== 'string' || !(ALLOCATION_MODES as readonly string[]).includes(mode)) return badField('mode', `expected one of ${ALLOCATION_MODES.join(', ')}`);
  try {
    const { db, runtime, clock } = await getApp();
    const hash = requestHash(['POST', '/api/v1/allocate', read.text]);
    return await withIdempotency(db, request, auth.token, hash, clock.now(), async () => {
      try {
        return { status: 200, body: { decision: await runtime.allocate(clientId, mode as AllocationMode) } };
      } catch (error) {
        const answer = runtimeAnswer(error);
        if (answer === null) throw error;
        return answer;
      }
    });
  } catch (error) {
    return internalError(error);
  }
}
