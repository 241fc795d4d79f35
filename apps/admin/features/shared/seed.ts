/**
 * The seed of an empty database: the demo accounts, the seed policy published, the example
 * history.
 */
import { existsSync, readFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import type { Runtime } from '@allot/runtime';
import type { AdminDb, Role } from './database';
import { createUser } from '../auth';
import { demoContact, upsertContacts } from '../clients';
import { recordAudit } from '../policies';

/** A demo account: one per role, printed at start-up and listed in docs/admin.md. */
export interface DemoAccount {
  username: string;
  displayName: string;
  role: Role;
  /** For a rep account: the staff member (of the example history) it is. */
  staffId?: string;
}

/** The demo accounts (HR edits, the manager approves). All share `demoPassword()`. */
export const DEMO_ACCOUNTS: readonly DemoAccount[] = [
  { username: 'hr', displayName: '李芳（人事）', role: 'editor' },
  { username: 'hr2', displayName: '刘洋（人事）', role: 'editor' },
  { username: 'manager', displayName: '王强（销售经理）', role: 'approver' },
  { username: 'auditor', displayName: '陈静（审计）', role: 'auditor' },
  { username: 'viewer', displayName: '赵敏（只读）', role: 'viewer' },
  { username: 'admin', displayName: '周涛（系统管理员）', role: 'admin' },
  { username: 'rep1', displayName: '黎琳晨（销售）', role: 'rep', staffId: 's0006' },
  { username: 'rep2', displayName: '萧佳博（销售）', role: 'rep', staffId: 's0004' },
];

/** The demo password (`ALLOT_DEMO_PASSWORD`, default `allot-demo`). */
export function demoPassword(): string {
  return process.env['ALLOT_DEMO_PASSWORD'] ?? 'allot-demo';
}

/** What seeding found and did. */
export interface SeedReport {
  /** `none` when ALLOT_SEED=none (no demo data). */
  mode: 'demo' | 'none';
  usersCreated: number;
  policyPublished: boolean;
  eventsIngested: number;
  /** Clients given made-up personal data (name, phone). */
  contactsCreated: number;
}

/** The repository root: the nearest directory (from the cwd up) holding the seed policy. */
export function repoRoot(): string | undefined {
  const configured = process.env['ALLOT_REPO_ROOT'];
  if (configured !== undefined) return resolve(/* turbopackIgnore: true */ configured);
  let dir = process.cwd();
  for (let i = 0; i < 6; i++) {
    if (existsSync(/* turbopackIgnore: true */ join(/* turbopackIgnore: true */ dir, 'policies', 'sales-resource', '1.0.0.json'))) return dir;
    const up = dirname(dir);
    if (up === dir) break;
    dir = up;
  }
  return undefined;
}

/**
 * Seeds an empty database for the demo: one account per role, the seed policy `sales-resource`
 * 1.0.0 published from the start of the example history, and the history (examples/history.jsonl,
 * three months, ~30 staff) ingested through the runtime. Each part runs only when its table is
 * empty, so a restart changes nothing. `ALLOT_SEED=none` skips all of it.
 */
export async function seedIfEmpty(ctx: { db: AdminDb; runtime: Runtime; clock: { now(): Date } }): Promise<SeedReport> {
  const report: SeedReport = { mode: process.env['ALLOT_SEED'] === 'none' ? 'none' : 'demo', usersCreated: 0, policyPublished: false, eventsIngested: 0, contactsCreated: 0 };
  if (report.mode === 'none') return report;
  const { db, runtime, clock } = ctx;

  const users = await db.selectFrom('users').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(users.n) === 0) {
    for (const a of DEMO_ACCOUNTS) await createUser(db, { ...a, password: demoPassword() });
    report.usersCreated = DEMO_ACCOUNTS.length;
  }

  const root = repoRoot();
  if (root === undefined) return report;
  const versions = await db.selectFrom('policy_versions').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  const historyPath = process.env['ALLOT_SEED_HISTORY'] ?? join(/* turbopackIgnore: true */ root, 'examples', 'history.jsonl');
  const history = existsSync(/* turbopackIgnore: true */ historyPath) ? readFileSync(/* turbopackIgnore: true */ historyPath, 'utf8') : '';
  if (Number(versions.n) === 0) {
    const policy = JSON.parse(readFileSync(/* turbopackIgnore: true */ join(/* turbopackIgnore: true */ root, 'policies', 'sales-resource', '1.0.0.json'), 'utf8')) as { id: string; version: string };
    const firstAt = /"at":"([^"]+)"/.exec(history)?.[1] ?? clock.now().toISOString();
    const row = await runtime.publish(policy, { effectiveFrom: firstAt, author: 'system', approver: 'system', note: 'seed' });
    await recordAudit(db, { at: clock.now(), actor: 'system', action: 'publish', policyId: row.policyId, version: row.version, fromStatus: null, toStatus: 'published', beforeHash: null, afterHash: row.hash, note: `seed; effective ${firstAt}` });
    report.policyPublished = true;
  }
  const events = await db.selectFrom('events').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(events.n) === 0 && history !== '') {
    const result = await runtime.ingest(history);
    report.eventsIngested = result.accepted;
  }
  const contacts = await db.selectFrom('client_contacts').select(db.fn.countAll<number>().as('n')).executeTakeFirstOrThrow();
  if (Number(contacts.n) === 0 && history !== '') {
    const ids = [...new Set([...history.matchAll(/"clientId":"([^"]+)"/g)].map((m) => m[1] ?? ''))].filter((id) => id !== '');
    await upsertContacts(db, ids.map(demoContact), 'seed', clock.now());
    report.contactsCreated = ids.length;
  }
  return report;
}
