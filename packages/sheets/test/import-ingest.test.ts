import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { simulate } from '@allot/engine';
import { createRuntime } from '@allot/runtime';
import type { Runtime } from '@allot/runtime';
import { dryRun, importFile, staffDirectory } from '@allot/sheets';
import { BACKENDS, type TestDatabase } from '../../store/test/test-stores.js';
import { csvOf, gbk, recordRows, rosterRows, seedPolicy, xlsxOf, zone } from './fixtures.js';

const goLiveText = '2026-07-01T00:00:00+08:00';
const goLive = Date.parse(goLiveText);

describe.each(BACKENDS)('imported books stored through the runtime on $name', (backend) => {
  let db: TestDatabase;
  let runtime: Runtime;
  beforeEach(async () => {
    db = await backend.open();
    runtime = createRuntime({ store: db.store, clock: () => new Date(goLive) });
    await runtime.publish(seedPolicy as never, { effectiveFrom: null });
  });
  afterEach(async () => {
    await runtime.close();
    await db.cleanup();
  });

  it('stores what the dry run decided, and a re-import stores nothing new', async () => {
    const roster = await importFile(await xlsxOf('名册', rosterRows()), 'roster.xlsx', { kind: 'staff', zone, goLive });
    const directory = staffDirectory(roster.events.flatMap((e) => (e.type === 'staff.joined' ? [{ staffId: e.staffId, name: e.name ?? null }] : [])));
    const books = await Promise.all(
      (['violations', 'late-entries', 'mismatches', 'deals'] as const).map((kind) => importFile(gbk(csvOf(recordRows(kind))), `${kind}.csv`, { kind, zone, goLive, staff: directory })),
    );
    const events = [...roster.events, ...books.flatMap((b) => b.events)];
    const run = dryRun(seedPolicy as never, events, goLiveText);
    expect(run.decisions).toEqual(simulate(seedPolicy as never, events, { until: goLiveText }));

    const first = await runtime.ingest(events);
    expect(first.rejected).toEqual([]);
    expect(first.accepted).toBe(events.length);
    await runtime.tick(new Date(goLive));
    const stored = (await runtime.decisions({ limit: 10_000 })).items.map((r) => r.decision);
    const identity = (d: { at: string; kind: string; rule: string }): string => `${Date.parse(d.at)} ${d.kind} ${d.rule}`;
    expect(stored.map(identity).sort()).toEqual(run.decisions.map(identity).sort());

    // The same books again: every id is already stored with the same content.
    const again = await runtime.ingest(events);
    expect(again).toMatchObject({ accepted: 0, duplicates: events.length, rejected: [], decisions: [] });
    expect((await runtime.decisions({ limit: 10_000 })).items).toHaveLength(stored.length);
  });
});
