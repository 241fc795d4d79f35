import { snapshotSeqAtOrBefore } from '@allot/store';
import { storeDb } from './database';
import type { AdminDb } from './database';

/**
 * Is the stored log a long one — does it hold a snapshot (the runtime saves its first after
 * 50,000 ops)? Over a long log the pages that need a replay (a version's impact, a sanction's
 * trace) start it in the background and replay from a snapshot; over a short one they compute
 * at once.
 */
export async function holdsSnapshots(db: AdminDb): Promise<boolean> {
  return (await snapshotSeqAtOrBefore(storeDb(db), Number.MAX_SAFE_INTEGER)) !== undefined;
}
