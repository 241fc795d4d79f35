/**
 * @allot/store — allot's database: policy versions, the op log (events and ticks), decisions
 * with their hash chain, snapshots, projections and the access log, in PostgreSQL or embedded
 * PGlite through kysely. It knows nothing of the engine: policies and decisions are JSON here.
 */

export { openStore } from './open-store.js';
export type { Store, StoreDb, StoreOptions, StoreTransaction } from './open-store.js';
export { PGliteDialect } from './pglite-dialect.js';
export { Mutex } from './mutex.js';
export { POLICY_STATUSES } from './database.js';
export type * from './database.js';

export { openWriteSession } from './write-session.js';
export type { BatchWrite, WriteSession } from './write-session.js';
export { GENESIS_HASH, readHead, writeHead } from './log-head.js';
export type { LogHead } from './log-head.js';
export { appendEvents, encodeEvents, findEvents, insertEvents, lastEventAtOrBefore, readEvents, readReplayEvents, storedEventIds } from './events.js';
export type { EncodedEvents, NewEvent, ReplayEvent, StoredEvent } from './events.js';
export { insertTick, readTicks } from './ticks.js';
export type { StoredTick } from './ticks.js';
export { decisionSpan, encodeDecisions, findDecision, insertDecisions, lastDecisionOfOps, notSuperseded, queryDecisions, readDecisions } from './decisions.js';
export type { DecisionFilter, EncodedDecisions, NewDecision, StoredDecision } from './decisions.js';
export {
  findPolicyVersion,
  insertCancellation,
  insertPolicyVersion,
  readCancellations,
  listPolicyVersions,
  readPublishedVersions,
  RevisionConflictError,
  updatePolicyVersion,
} from './policy-versions.js';
export type { NewPolicyVersion, PolicyVersionChanges, StoredCancellation, StoredPolicyVersion } from './policy-versions.js';
export { latestSnapshot, listSnapshots, pruneSnapshots, saveSnapshot, SNAPSHOT_KEEP_EVERY, snapshotSeqAtOrBefore } from './snapshots.js';
export type { StoredSnapshot } from './snapshots.js';
export { readClientStates, readStaffStatus, readStaffStatuses, resetStaffBans, upsertClientState, upsertProjections, upsertStaffStatus } from './projections.js';
export type { ClientState, StaffBanReset, StaffStatus, StaffStatusDelta } from './projections.js';
export { logAccess, logAccessRequest, readAccessLog } from './access-log.js';
export type { AccessEntry } from './access-log.js';
export { finishJob, insertJob, listJobs, readJob, reportJobProgress, requestJobCancel, startJob } from './jobs.js';
export type { StoredJob } from './jobs.js';
export { appendWorkflowEvent, decisionOutboxTexts, findOutboxEntry, insertDecisionOutbox, insertWorkflowOutbox, outboxHead, readOutbox, workflowOutboxTexts } from './outbox.js';
export type { OutboxEntry, WorkflowEvent } from './outbox.js';
