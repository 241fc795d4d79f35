import type { Kysely, Migration } from 'kysely';

/**
 * Pauses left per member: pauses are imposed by decisions but used up inside the engine's
 * allocation ring, so the runtime writes the engine's count after each batch (null: never paused).
 */
export const pausesLeft: Migration = {
  async up(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('staff_status').addColumn('pauses_left', 'integer').execute();
  },
  async down(db: Kysely<unknown>): Promise<void> {
    await db.schema.alterTable('staff_status').dropColumn('pauses_left').execute();
  },
};
