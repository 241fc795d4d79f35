/** Malformed input to the route handlers: clear 400s naming the field, never a crash. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PUT as saveDraft } from '../../../app/api/policies/[id]/versions/[version]/route';
import { POST as newDraft } from '../../../app/api/policies/[id]/drafts/route';
import { POST as publish } from '../../../app/api/policies/[id]/versions/[version]/publish/route';
import { PATCH as patchUser } from '../../../app/api/users/[username]/route';
import { findBodyHazard, instantField } from '../request-body';
import { openHarness, seedPolicyJson } from './app-harness';
import type { Harness } from './app-harness';

const json = (value: unknown): { body: string; headers: Record<string, string> } => ({ body: JSON.stringify(value), headers: { 'content-type': 'application/json' } });
const params = <T>(p: T): { params: Promise<T> } => ({ params: Promise.resolve(p) });

describe('bad input gets a 400 naming the field, never a 500', () => {
  let app: Harness;
  let editor: string;
  let draft: { content: Record<string, unknown>; revision: number };
  beforeAll(async () => {
    app = await openHarness('2026-03-01T00:00:00Z');
    await app.runtime.publish(seedPolicyJson(), { effectiveFrom: '2026-01-01T00:00:00+08:00', author: 'a', approver: 'b' });
    editor = await app.cookieFor('editor');
    const created = await newDraft(app.request('POST', '/api/policies/sales-resource/drafts', { cookie: editor, ...json({ from: '1.0.0' }) }), params({ id: 'sales-resource' }));
    expect(created.status).toBe(200);
    const view = ((await created.json()) as { version: { revision: number } }).version;
    draft = { content: { ...seedPolicyJson(), version: '1.1.0' }, revision: view.revision };
  }, 60_000);
  afterAll(async () => {
    await app?.close();
  });

  const save = (content: unknown): Promise<Response> =>
    saveDraft(app.request('PUT', '/api/policies/sales-resource/versions/1.1.0', { cookie: editor, ...json({ content, revision: draft.revision }) }), params({ id: 'sales-resource', version: '1.1.0' }));

  it('a NUL in a title', async () => {
    const res = await save({ ...draft.content, name: { zh: '制度\u0000', en: 'policy' } });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ field: '/content/name/zh', problem: 'nul' });
  });

  it('a condition nested 5,000 deep', async () => {
    // Written as text: JSON.stringify itself cannot go 10,000 levels deep.
    const when = `${'{"all":['.repeat(5000)}{"fact":"x","operator":"equal","value":1}${']}'.repeat(5000)}`;
    const content = JSON.stringify({ ...draft.content, rules: ['RULE'] }).replace('"RULE"', `{"id":"deep","when":${when}}`);
    const body = `{"revision":${draft.revision},"content":${content}}`;
    const res = await saveDraft(app.request('PUT', '/api/policies/sales-resource/versions/1.1.0', { cookie: editor, body, headers: { 'content-type': 'application/json' } }), params({ id: 'sales-resource', version: '1.1.0' }));
    expect(res.status).toBe(400);
    const answer = (await res.json()) as { problem: string; field: string; message: { en: string } };
    expect(answer.problem).toBe('too_deep');
    // The field, when the parser got that far; the body, when parsing itself ran out of stack.
    expect(answer.field).toMatch(/^(\/content\/rules\/0\/when\/all\/0\/|\(body\)$)/);
    expect(answer.message.en).toMatch(/nested too deeply/);
  });

  it('an impossible publish date (2027-02-30)', async () => {
    const approver = await app.cookieFor('approver');
    for (const effectiveFrom of ['2027-02-30T00:00:00+08:00', '2027-02-03T24:00:00+08:00', '2027-02-03T10:00+08:00']) {
      const res = await publish(app.request('POST', '/api/policies/sales-resource/versions/1.1.0/publish', { cookie: approver, ...json({ effectiveFrom, revision: draft.revision }) }), params({ id: 'sales-resource', version: '1.1.0' }));
      expect(res.status, effectiveFrom).toBe(400);
    }
    expect(instantField({ at: '2027-02-28T00:00:00+08:00' }, 'at')).toBe('2027-02-28T00:00:00+08:00');
  });

  it('PATCH /api/users/<u> with neither field', async () => {
    const admin = await app.cookieFor('admin');
    const res = await patchUser(app.request('PATCH', '/api/users/editor1', { cookie: admin, ...json({}) }), params({ username: 'editor1' }));
    expect(res.status).toBe(400);
  });

  it('finds lone surrogates in keys and values, and passes clean bodies', () => {
    expect(findBodyHazard({ a: ['ok', '\uD800'] })).toEqual({ pointer: '/a/1', problem: 'lone_surrogate' });
    expect(findBodyHazard({ ['k\uDC00']: 1 })).toMatchObject({ problem: 'lone_surrogate' });
    expect(findBodyHazard({ emoji: '😀', zh: '制度', n: [1, null, true] })).toBeNull();
  });
});
