/** The test fixture of the auth tests: the admin tables on a fresh store of one backend. */
import { BACKENDS } from '../../../../../packages/store/test/test-stores';
import type { TestBackend } from '../../../../../packages/store/test/test-stores';
import type { AdminDb, AdminTables } from '../../shared/database';
import { migrateAdmin } from '../../shared/migrations';

/** The admin tables on a fresh store of one backend (PGlite; PostgreSQL too with DATABASE_URL). */
export interface AuthDb {
  db: AdminDb;
  close(): Promise<void>;
}

export { BACKENDS };

/** Opens a fresh database of `backend` with the admin app's migrations. */
export async function openAuthDb(backend: TestBackend): Promise<AuthDb> {
  const test = await backend.open();
  await migrateAdmin(test.store.db as unknown as Parameters<typeof migrateAdmin>[0], test.store.schema);
  return { db: test.store.db.withTables<AdminTables>(), close: () => test.cleanup() };
}
