/**
 * The runtime's documented refusals keep their HTTP status over the route handlers, also when the
 * runtime is loaded twice.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { RUNTIME_ERROR_CODES } from '@allot/runtime';
import { RuntimeError as OtherCopyRuntimeError } from '../../../../../packages/runtime/dist/index.js';
import { POST as postCookieEvents } from '../../../app/api/events/route';
import { POST as postV1Events } from '../../../app/api/v1/events/route';
import { POST as postRollback } from '../../../app/api/policies/[id]/versions/[version]/rollback/route';
import { createToken } from '../../tokens';
import { RUNTIME_REFUSAL_STATUS, runtimeAnswer } from '../events';
import { historyLines, openHarness, seedPolicyJson } from '../../shared/test/app-harness';
import type { Harness } from '../../shared/test/app-harness';

describe('documented runtime refusals keep their status when the runtime is loaded twice', () => {
  it('maps every code of an error thrown by another copy of the runtime', () => {
    for (const code of RUNTIME_ERROR_CODES) {
      const answer = runtimeAnswer(new OtherCopyRuntimeError(code, `refused: ${code}`));
      expect(answer?.status, code).toBe(RUNTIME_REFUSAL_STATUS[code]);
    }
    expect(runtimeAnswer(new Error('boom'))).toBeNull();
    expect(runtimeAnswer(Object.assign(new Error('x'), { name: 'RuntimeError', code: 'made-up' }))).toBeNull();
  });

  describe('over the route handlers', () => {
    let app: Harness;
    beforeAll(async () => {
      app = await openHarness('2026-03-01T00:00:00Z');
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it('no policy published yet: 409 no_policy on the cookie route and on /api/v1/events', async () => {
      const admin = await app.cookieFor('admin');
      const body = historyLines(2).join('\n');
      const cookie = await postCookieEvents(app.request('POST', '/api/events', { cookie: admin, body, headers: { 'content-type': 'application/x-ndjson' } }));
      expect(cookie.status).toBe(409);
      expect(await cookie.json()).toMatchObject({ error: 'no_policy' });
      const { secret } = await createToken(app.db, { name: 'feed', scopes: 'read write', createdBy: 'test' }, app.clock.now());
      const v1 = await postV1Events(app.request('POST', '/api/v1/events', { body, headers: { authorization: `Bearer ${secret}`, 'content-type': 'application/x-ndjson' } }));
      expect(v1.status).toBe(409);
      expect(await v1.json()).toMatchObject({ error: 'no_policy' });
    });

    it('an effective time before the runtime has got to: 409', async () => {
      await app.runtime.publish(seedPolicyJson(), { effectiveFrom: '2026-01-01T00:00:00+08:00', author: 'a', approver: 'b' });
      await app.runtime.publish({ ...seedPolicyJson(), version: '1.1.0' }, { effectiveFrom: '2026-01-02T00:00:00+08:00', author: 'a', approver: 'b' });
      await app.runtime.ingest(historyLines(40).join('\n'));
      await app.runtime.tick('2026-02-01T00:00:00Z');
      const approver = await app.cookieFor('approver');
      // A rollback published straight away (the emergency path, switched on for this test: the
      // ordinary rollback is a request that another approver publishes later).
      const before = process.env['ALLOT_EMERGENCY_ROLLBACK'];
      process.env['ALLOT_EMERGENCY_ROLLBACK'] = 'on';
      let res: Response;
      try {
        const body = JSON.stringify({ emergency: true, effectiveFrom: '2026-01-15T00:00:00+08:00', note: '回滚' });
        res = await postRollback(app.request('POST', '/api/policies/sales-resource/versions/1.0.0/rollback', { cookie: approver, body, headers: { 'content-type': 'application/json' } }), {
          params: Promise.resolve({ id: 'sales-resource', version: '1.0.0' }),
        });
      } finally {
        if (before === undefined) delete process.env['ALLOT_EMERGENCY_ROLLBACK'];
        else process.env['ALLOT_EMERGENCY_ROLLBACK'] = before;
      }
      expect(res.status).toBe(409);
      expect(await res.json()).toMatchObject({ error: 'runtime' });
    });
  });
});
