/** What the app prints at start-up: the data and the demo accounts. */
import { getApp } from './app-context';
import { DEMO_ACCOUNTS, demoPassword } from './seed';

/** Opens the app context at start-up and prints what the operator needs: the data, and the demo accounts. */
export async function announce(): Promise<void> {
  const started = Date.now();
  const { store, seed } = await getApp();
  const lines = [`allot admin: ${store.backend === 'postgres' ? 'PostgreSQL' : 'PGlite'} ready in ${Date.now() - started} ms`];
  if (seed.policyPublished || seed.eventsIngested > 0 || seed.usersCreated > 0 || seed.contactsCreated > 0) {
    lines.push(`  seeded: ${seed.usersCreated} accounts, policy ${seed.policyPublished ? 'sales-resource 1.0.0 published' : 'kept'}, ${seed.eventsIngested} events ingested, ${seed.contactsCreated} client contacts`);
  }
  if (seed.mode === 'demo') {
    lines.push(`  demo accounts (password: ${demoPassword()}):`);
    for (const a of DEMO_ACCOUNTS) lines.push(`    ${a.username.padEnd(8)} ${a.role.padEnd(9)} ${a.displayName}`);
  }
  if (process.env['NODE_ENV'] === 'production' && (process.env['ALLOT_ORIGIN'] ?? '').trim() === '') {
    lines.push('  ALLOT_ORIGIN is not set: changes are accepted only from pages opened at localhost or an IP address; set it to the origin people use (docs/security.md)');
  }
  console.log(lines.join('\n'));
}
