/**
 * @allot/runtime — allot as a running system: the published policy applied to events as they
 * arrive, every decision recorded with its cause, policy version and hash chain, and a replay
 * (`verify`) that proves the record. The only allot package that reads a clock (injectable).
 */

export { createRuntime, openRuntime } from './runtime.js';
export type { DecisionQuery, Runtime, RuntimeOptions } from './runtime.js';
export type { IngestOptions, IngestResult } from './ingest.js';
export type { TickResult } from './tick.js';
export type { PublishOptions } from './publish.js';
export type { CancelOptions } from './cancel-schedule.js';
export type { DecisionPage, Explanation, RecordedDecision, StaffStatusView } from './queries.js';
export type { VerifyHooks, VerifyMismatch, VerifyRange, VerifyReport } from './verify.js';
export type { TestHooks } from './log-writer.js';
export { RuntimeError, RUNTIME_ERROR_CODES, isRuntimeError } from './runtime-error.js';
export type { RuntimeErrorCode } from './runtime-error.js';
export { chainHash } from './hash-chain.js';
export { clockSkewFromEnv, DEFAULT_MAX_CLOCK_SKEW_MS } from './clock-skew.js';
export { TimeSlice } from './time-slice.js';
export type { RingRead, UnrecordedSanction } from './ring-read.js';
export { startJobQueue } from './jobs.js';
export type { JobContext, JobHandler, JobQueue, JobQueueOptions } from './jobs.js';
export { JobCancelled } from './job-cancelled.js';
export { LogReplay } from './replay.js';
export { readOps, readReplayOpBatches } from './read-ops.js';
export type { OpResult } from './catch-up.js';
export type { Op, ReplayOp } from './read-ops.js';
export type { AppliedEvent } from './engine-host.js';
