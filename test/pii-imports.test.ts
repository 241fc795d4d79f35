import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * Clients' personal data leaves the server through one module only (seed A1): `features/clients/pii.ts`
 * masks it and logs every unmasked view. This static test fails when any other code of the admin
 * app could read it around that gate: by calling `readContacts`, by importing the contacts
 * module wholesale, or by querying the `client_contacts` table itself.
 */

const APP = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'apps', 'admin');

/** May call readContacts: its definition, the gate, and the seed (which writes made-up data). */
const READERS = new Set(['features/clients/contacts.ts', 'features/clients/pii.ts', 'features/shared/seed.ts']);
/** May name the table: the readers, and the schema and migrations that define it. */
const TABLE = new Set([...READERS, 'features/shared/database.ts', 'features/shared/migrations.ts']);

/**
 * The CRM's intake of personal data through the HTTP API (issue 5, part 5) writes contacts: a
 * file under `app/api/v1/` or `features/api-v1/` with "contact" in its path. It is exempt only
 * while it serves no GET, so it can never print what it reads.
 */
function isIntake(path: string, source: string): boolean {
  return /^(app\/api\/v1\/|features\/api-v1\/)/.test(path) && /contact/i.test(path) && !/export\s+(async\s+)?function\s+GET\b|export\s+const\s+GET\b/.test(source);
}

/** The rules above, over (path relative to apps/admin, source) pairs; one line per breach. */
export function piiViolations(files: readonly { path: string; source: string }[]): string[] {
  const out: string[] = [];
  for (const { path, source } of files) {
    if (isIntake(path, source)) continue;
    if (!READERS.has(path) && /\breadContacts\b/.test(source)) out.push(`${path}: uses readContacts (only features/clients/pii.ts may)`);
    if (!READERS.has(path) && /import\s*\*\s*as\s+\w+\s+from\s+['"](?:[^'"]*\/)?contacts['"]|(import|require)\s*\(\s*['"](?:[^'"]*\/)?contacts['"]/.test(source)) {
      out.push(`${path}: imports the contacts module wholesale`);
    }
    if (!TABLE.has(path) && /client_contacts/.test(source)) out.push(`${path}: names the client_contacts table`);
  }
  return out;
}

function walk(dir: string): string[] {
  const out: string[] = [];
  for (const e of readdirSync(dir)) {
    if (e === 'node_modules' || e === '.next' || e === 'test') continue;
    const p = join(dir, e);
    if (statSync(p).isDirectory()) out.push(...walk(p));
    else if (/\.(ts|tsx|js|mjs|cjs)$/.test(e)) out.push(p);
  }
  return out;
}

describe('personal data goes through features/clients/pii.ts only', () => {
  it('no other file of the admin app reads contacts', () => {
    const files = walk(APP).map((f) => ({ path: relative(APP, f).split('\\').join('/'), source: readFileSync(f, 'utf8') }));
    expect(files.some((f) => f.path === 'features/clients/pii.ts')).toBe(true);
    expect(files.length).toBeGreaterThan(50);
    expect(piiViolations(files)).toEqual([]);
  });

  it('the gate itself reads contacts and writes the access log', () => {
    const source = readFileSync(join(APP, 'features', 'clients', 'pii.ts'), 'utf8');
    expect(source).toMatch(/readContacts\(/);
    expect(source).toMatch(/logAccess\(/);
  });

  it('catches a page, a handler or a helper that goes around the gate', () => {
    const bad = [
      { path: 'app/clients/page.tsx', source: "import { readContacts } from '../../features/clients/contacts';" },
      { path: 'app/api/what-if/route.ts', source: "import * as contacts from '../../../features/clients/contacts';" },
      { path: 'features/audit/read.ts', source: "const c = await import('../clients/contacts');" },
      { path: 'features/people/list.ts', source: "db.selectFrom('client_contacts').selectAll()" },
      { path: 'app/api/v1/contacts/route.ts', source: "export async function GET() { return readContacts(db, ids); }" },
    ];
    expect(piiViolations(bad)).toEqual([
      'app/clients/page.tsx: uses readContacts (only features/clients/pii.ts may)',
      'app/api/what-if/route.ts: imports the contacts module wholesale',
      'features/audit/read.ts: imports the contacts module wholesale',
      'features/people/list.ts: names the client_contacts table',
      'app/api/v1/contacts/route.ts: uses readContacts (only features/clients/pii.ts may)',
    ]);
    const allowed = [
      { path: 'features/clients/pii.ts', source: "import { readContacts } from './contacts';" },
      { path: 'features/shared/seed.ts', source: "import { demoContact, upsertContacts } from '../clients/contacts';" },
      { path: 'app/api/clients/route.ts', source: "import { listClients } from '../../../features/clients/read';" },
      { path: 'app/api/v1/contacts/route.ts', source: "export async function POST() { await upsertContacts(db, rows, by, at); }" },
    ];
    expect(piiViolations(allowed)).toEqual([]);
  });
});
