import type { Migration, MigrationProvider } from 'kysely';
import { initialSchema } from './001-initial-schema.js';
import { pausesLeft } from './002-pauses-left.js';
import { ingestSpeed } from './003-ingest-speed.js';
import { logGuard } from './004-log-guard.js';
import { decisionCauses } from './005-decision-causes.js';
import { jobs } from './006-jobs.js';
import { outbox } from './007-outbox.js';
import { adminReads } from './008-admin-reads.js';
import { accessLogIds } from './010-access-log-ids.js';
import { scheduleCancellations } from './011-schedule-cancellations.js';
import { supersededIndex } from './012-superseded-index.js';

/**
 * Every migration, by name; kysely's Migrator runs them in name order. Migrations are code
 * (not files found at run time), so a bundled or packed store carries them.
 */
export const migrationProvider: MigrationProvider = {
  async getMigrations(): Promise<Record<string, Migration>> {
    return {
      '001-initial-schema': initialSchema,
      '002-pauses-left': pausesLeft,
      '003-ingest-speed': ingestSpeed,
      '004-log-guard': logGuard,
      '005-decision-causes': decisionCauses,
      '006-jobs': jobs,
      '007-outbox': outbox,
      '008-admin-reads': adminReads,
      '010-access-log-ids': accessLogIds,
      '011-schedule-cancellations': scheduleCancellations,
      '012-superseded-index': supersededIndex,
    };
  },
};
