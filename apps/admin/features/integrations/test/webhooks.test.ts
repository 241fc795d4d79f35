/**
 * Webhooks end to end on both backends (pg-boss on PostgreSQL, the in-process worker on
 * PGlite): decisions ingested through the runtime → the outbox → deliveries → a local receiver
 * that verifies every request with `standardwebhooks`.
 */
import { readFileSync } from 'node:fs';
import { readDecisions } from '@allot/store';
import { afterEach, describe, expect, it } from 'vitest';
import { BACKENDS } from '../../../../../packages/store/test/test-stores.js';
import { storeDb } from '../../shared/database';
import { listDeliveries, replayDeliveries } from '../deliveries';
import { createEndpoint, findEndpoint, resumeEndpoint, rotateSecret, updateEndpoint } from '../endpoints';
import { matchesFilters, queueTestEvent, startOutbound } from '../outbound';
import type { Outbound } from '../outbound';
import { leadEvents, openHarness, Receiver, testConfig, until } from './harness';
import type { Harness } from './harness';

describe.each(BACKENDS)('webhooks on $name', (backend) => {
  let h: Harness;
  let outbound: Outbound | undefined;
  const receivers: Receiver[] = [];
  const receiver = async (keys: string[]): Promise<Receiver> => {
    const r = new Receiver(keys);
    receivers.push(r);
    await r.start();
    return r;
  };
  afterEach(async () => {
    await outbound?.stop({ dropQueue: true });
    outbound = undefined;
    for (const r of receivers.splice(0)) await r.stop();
    await h.close();
  });

  it('delivers 1,000 decisions as 1,000 distinct webhook-ids through 500s and a receiver killed and restarted mid-run', { timeout: 120_000 }, async () => {
    h = await openHarness(backend);
    const rx = await receiver([]);
    const { secret, endpoint } = await createEndpoint(h.admin, { name: 'CRM', url: rx.url, filters: { workflow: false } }, 'admin', new Date());
    rx.keys = [secret];
    // The first 150 requests fail with 500.
    let served = 0;
    rx.status = () => (++served <= 150 ? 500 : 204);
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig() });
    expect(outbound.engine).toBe(backend.name === 'postgres' ? 'pg-boss' : 'in-process');
    await h.runtime.ingest(leadEvents(1_000));
    const ids = (await readDecisions(storeDb(h.admin), { afterSeq: 0, limit: 5_000 })).map((d) => d.decisionId);
    expect(ids).toHaveLength(1_000);
    // Mid-run: the receiver goes away for a while, then comes back on the same port.
    await until(() => rx.delivered().size >= 300, 60_000, '300 deliveries');
    await rx.stop();
    await new Promise((resolve) => setTimeout(resolve, 300));
    await rx.start();
    await until(() => rx.delivered().size >= 1_000, 90_000, 'every delivery');
    const got = rx.delivered();
    expect([...got].sort()).toEqual([...ids].sort());
    // Every request verified; a duplicate only ever repeats an id (never a new one for the same decision).
    expect(rx.received.every((r) => r.verifiedWith.length === 1)).toBe(true);
    const bodies = new Map<string, string>();
    for (const r of rx.received) {
      const data = (JSON.parse(r.body) as { type: string; data: { id: string; kind: string; policy: { hash: string } } });
      expect(data.data.id).toBe(r.id);
      expect(data.type).toBe(`decision.${data.data.kind}`);
      expect(data.data.policy.hash).toMatch(/^sha256:/);
      const before = bodies.get(r.id);
      if (before !== undefined) expect(r.body).toBe(before);
      bodies.set(r.id, r.body);
    }
    expect(rx.received.filter((r) => r.answered === 500).length).toBe(150);
    await until(async () => (await findEndpoint(h.admin, endpoint.id))?.counts.delivered === 1_000, 10_000, 'the log');
    const log = await listDeliveries(h.admin, { endpointId: endpoint.id, limit: 500 });
    expect(log.every((d) => d.status === 'delivered' && d.lastStatus === 204 && d.latencyMs !== null && d.attempts >= 1)).toBe(true);
    expect((await findEndpoint(h.admin, endpoint.id))?.counts.delivered).toBe(1_000);
  });

  it('signs with both secrets during a rotation: a receiver holding either key verifies', async () => {
    h = await openHarness(backend);
    const oldKeyRx = await receiver([]);
    const { secret: first, endpoint } = await createEndpoint(h.admin, { name: 'rot', url: oldKeyRx.url }, 'admin', new Date());
    oldKeyRx.keys = [first];
    const rotated = await rotateSecret(h.admin, endpoint.id, new Date(), 1);
    expect(rotated?.secret).not.toBe(first);
    const newKeyRx = await receiver([rotated?.secret ?? '']);
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig() });
    await queueTestEvent(outbound, h.admin, endpoint.id, new Date(), 'admin');
    await until(() => oldKeyRx.delivered().size === 1, 15_000, 'the old key');
    await updateEndpoint(h.admin, outbound, endpoint.id, { url: newKeyRx.url }, new Date());
    await queueTestEvent(outbound, h.admin, endpoint.id, new Date(), 'admin');
    await until(() => newKeyRx.delivered().size === 1, 15_000, 'the new key');
    expect(oldKeyRx.received[0]?.headers['webhook-signature']?.toString().split(' ')).toHaveLength(2);
    // A receiver holding both keys verifies with each.
    const both = await receiver([first, rotated?.secret ?? '']);
    await updateEndpoint(h.admin, outbound, endpoint.id, { url: both.url }, new Date());
    await queueTestEvent(outbound, h.admin, endpoint.id, new Date(), 'admin');
    await until(() => both.delivered().size === 1, 15_000, 'both keys');
    expect(both.received[0]?.verifiedWith).toEqual([0, 1]);
    expect(JSON.parse(both.received[0]?.body ?? '{}')).toMatchObject({ type: 'test', data: { type: 'test' } });
  });

  it('pauses an endpoint that keeps failing; its deliveries wait, then go out on resume', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const rx = await receiver([]);
    const { secret, endpoint } = await createEndpoint(h.admin, { name: 'flaky', url: rx.url, filters: { workflow: false } }, 'admin', new Date());
    rx.keys = [secret];
    let failing = true;
    rx.status = () => (failing ? 500 : 200);
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig({ pauseAfter: 3, concurrency: 1 }) });
    await h.runtime.ingest(leadEvents(10));
    await until(async () => (await findEndpoint(h.admin, endpoint.id))?.pausedAt !== null, 20_000, 'the pause');
    const paused = await findEndpoint(h.admin, endpoint.id);
    expect(paused?.consecutiveFailures).toBeGreaterThanOrEqual(3);
    expect(paused?.pauseReason).toContain('failures in a row');
    await until(async () => (await listDeliveries(h.admin, { endpointId: endpoint.id, status: 'held' })).length === 10, 20_000, 'every delivery held');
    const requestsWhilePaused = rx.received.length;
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(rx.received.length).toBe(requestsWhilePaused);
    failing = false;
    const resumed = await resumeEndpoint(h.admin, outbound, endpoint.id, new Date());
    expect(resumed?.released).toBe(10);
    await until(() => rx.delivered().size === 10, 20_000, 'the deliveries after resume');
    expect((await findEndpoint(h.admin, endpoint.id))?.consecutiveFailures).toBe(0);
  });

  it('ends a delivery as a dead letter after its attempts, and a replay delivers it with the same id', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const rx = await receiver([]);
    const { secret, endpoint } = await createEndpoint(h.admin, { name: 'dead', url: rx.url }, 'admin', new Date());
    rx.keys = [secret];
    let failing = true;
    rx.status = () => (failing ? 503 : 200);
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig({ maxAttempts: 3 }) });
    const id = await queueTestEvent(outbound, h.admin, endpoint.id, new Date(), 'admin');
    await until(async () => (await listDeliveries(h.admin, { endpointId: endpoint.id, status: 'dead' })).length === 1, 20_000, 'the dead letter');
    const [dead] = await listDeliveries(h.admin, { endpointId: endpoint.id });
    expect(dead).toMatchObject({ id, status: 'dead', attempts: 3, lastStatus: 503 });
    expect(rx.received).toHaveLength(3);
    failing = false;
    expect(await replayDeliveries(h.admin, outbound, { id }, new Date())).toBe(1);
    await until(async () => (await listDeliveries(h.admin, { endpointId: endpoint.id, status: 'delivered' })).length === 1, 20_000, 'the replay');
    expect(rx.delivered().size).toBe(1);
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(1);
    // A range replay sends a delivered one again, with its id.
    expect(await replayDeliveries(h.admin, outbound, { endpointId: endpoint.id, status: 'delivered' }, new Date())).toBe(1);
    await until(() => rx.received.length === 5, 20_000, 'the range replay');
    expect(new Set(rx.received.map((r) => r.id)).size).toBe(1);
  });

  it('sends workflow events to endpoints that take them, and filters decisions by kind, rule and staff', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const all = await receiver([]);
    const s1 = await receiver([]);
    const a = await createEndpoint(h.admin, { name: 'all', url: all.url }, 'admin', new Date());
    const b = await createEndpoint(h.admin, { name: 's1 only', url: s1.url, filters: { kinds: ['lead.allocated'], rules: ['P1'], staff: ['s1'], workflow: false } }, 'admin', new Date());
    all.keys = [a.secret];
    s1.keys = [b.secret];
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig() });
    await h.runtime.ingest(leadEvents(20));
    const decisions = await readDecisions(storeDb(h.admin), { afterSeq: 0, limit: 100 });
    const toS1 = decisions.filter((d) => d.staffId === 's1' && d.rule === 'P1');
    expect(toS1.length).toBeGreaterThan(0);
    expect(toS1.length).toBeLessThan(20);
    await until(() => all.delivered().size === 20 && s1.delivered().size === toS1.length, 20_000, 'the filtered deliveries');
    expect([...s1.delivered()].sort()).toEqual(toS1.map((d) => d.decisionId).sort());
  });

  it('sends the runtime’s workflow events: a cancelled publication and an appeal filed, with webhook-id wf_<event id>', { timeout: 60_000 }, async () => {
    h = await openHarness(backend);
    const rx = await receiver([]);
    const { secret } = await createEndpoint(h.admin, { name: 'workflow', url: rx.url, filters: { kinds: ['staff.termination_review'] } }, 'admin', new Date());
    rx.keys = [secret];
    outbound = await startOutbound({ db: h.admin, backend: backend.name, schema: h.db.store.schema, clock: () => new Date(), config: testConfig() });
    const at = (s: number): string => new Date(Date.UTC(2026, 2, 2, 1, 0, 0) + s * 1000).toISOString().replace('.000Z', '+00:00');
    await h.runtime.ingest(
      [
        { id: 'j1', type: 'staff.joined', at: at(0), staffId: 's1', role: 'rep' },
        { id: 'late1', type: 'entry.late', at: at(5), staffId: 's1', form: 'abcd_table' },
        { id: 'ap1', type: 'decision.appealed', at: at(60), decisionId: 'late1#1', staffId: 's1', reason: '系统当天故障' },
      ]
        .map((x) => JSON.stringify(x))
        .join('\n'),
    );
    const seed = JSON.parse(readFileSync(new URL('../../../../../policies/sales-resource/1.0.0.json', import.meta.url), 'utf8')) as Record<string, unknown>;
    const next = { ...seed, version: '1.1.0' };
    await h.runtime.publish(next as never, { effectiveFrom: new Date(Date.now() + 30 * 86_400_000).toISOString(), author: 'hr', approver: 'boss' });
    await h.runtime.cancelScheduled('sales-resource', '1.1.0', { actor: 'boss', note: 'not yet' });
    await until(() => rx.delivered().size === 3, 20_000, 'the workflow deliveries');
    const bodies = rx.received.map((r) => ({ id: r.id, body: JSON.parse(r.body) as { type: string; data: Record<string, unknown> } }));
    expect(bodies.map((b) => b.body.type).sort()).toEqual(['appeal.filed', 'policy.cancelled', 'policy.scheduled']);
    const filed = bodies.find((b) => b.body.type === 'appeal.filed');
    expect(filed?.id).toBe('wf_ap1');
    expect(filed?.body.data).toMatchObject({ id: 'wf_ap1', staffId: 's1', reason: '系统当天故障', decision: { id: 'late1#1', kind: 'staff.fined', rule: 'F1' } });
    const cancelled = bodies.find((b) => b.body.type === 'policy.cancelled');
    expect(cancelled?.body.data).toMatchObject({ policy: { id: 'sales-resource', version: '1.1.0' }, actor: 'boss', reason: 'not yet' });
    expect(cancelled?.id).toBe(cancelled?.body.data['id']);
  });
});

describe('endpoint filters', () => {
  const entry = (type: string, body: Record<string, unknown>, decision: { kind: string; rule: string; staffId: string | null } | null = null) => ({
    seq: 1,
    eventId: 'x',
    type,
    body,
    decision: decision === null ? null : { seq: 1, clientId: null, ...decision },
    createdAt: new Date(0),
  });
  const filters = (over: Partial<{ kinds: string[]; rules: string[]; staff: string[]; workflow: boolean }>) => ({ kinds: [], rules: [], staff: [], workflow: true, ...over });

  it('applies the staff filter to workflow events that name a staff member, and to nothing else of them', () => {
    const appeal = entry('appeal.filed', { staffId: 's1' });
    const policy = entry('policy.cancelled', { policy: { id: 'p' } });
    expect(matchesFilters(filters({}), appeal)).toBe(true);
    expect(matchesFilters(filters({ staff: ['s1'] }), appeal)).toBe(true);
    expect(matchesFilters(filters({ staff: ['s2'] }), appeal)).toBe(false);
    expect(matchesFilters(filters({ staff: ['s2'] }), policy)).toBe(true);
    // Kinds and rules are decision filters: workflow events pass them.
    expect(matchesFilters(filters({ kinds: ['staff.fined'], rules: ['F1'] }), appeal)).toBe(true);
    expect(matchesFilters(filters({ workflow: false }), appeal)).toBe(false);
    expect(matchesFilters(filters({ staff: ['s2'] }), entry('decision', {}, { kind: 'staff.fined', rule: 'F1', staffId: 's1' }))).toBe(false);
  });
});
