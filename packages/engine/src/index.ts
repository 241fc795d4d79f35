/**
 * @allot/engine — the public API. Everything an integrator may use is listed here; nothing
 * else is supported for import.
 */

// Policy: format, validation, hashing.
export type * from './policy/policy-types.js';
export { TIERS, STAFF_ROLES, COMBINE_MODES, LATE_FORMS, DEFAULT_APPEAL_WINDOW_DAYS } from './policy/policy-types.js';
export { policySchema } from './policy/policy-schema.js';
export { policySchemaV2, policyFileSchema } from './policy/policy-v2-schema.js';
export { validatePolicy } from './policy/validate-policy.js';
export type { PolicyError, PolicyValidation } from './policy/validate-policy.js';
export { verifyPolicy } from './policy/verify-policy.js';
export { conditionsOf, eventFacts } from './policy/check-policy-v2.js';
export type { PolicyWarning } from './policy/verify-policy.js';

// Policy format 2: the open policy language (SPEC §6).
export type * from './policy/policy-v2-types.js';
export { RULE_TYPES, RULE_ID_PATTERN, CODE_PATTERN, OCCURRENCE_EVENTS, OWNERSHIP_MECHANISMS } from './policy/policy-v2-types.js';
export { defaultCodes, isFormat2, migratePolicy, readPolicy } from './policy/read-policy.js';
export type { AnyPolicy } from './policy/read-policy.js';
export { eventCodesOf } from './policy/event-codes.js';
export { policyClocks } from './policy/policy-clocks.js';
export { policyView } from './policy/policy-view.js';
export type { PolicyClocks } from './policy/policy-clocks.js';
export { workingTime } from './time/business-calendar.js';
export type { WorkingTime } from './time/business-calendar.js';
export { canonicalJson, policyHash } from './policy/policy-hash.js';
export { joinPointer, pointerTokens } from './policy/json-pointer.js';

// Conditions: json-rules-engine's format, compiled or evaluated by json-rules-engine itself.
export type * from './conditions/condition-types.js';
export { compileCondition, ConditionError } from './conditions/compile-condition.js';
export { createReferenceEvaluator } from './conditions/reference-evaluator.js';
export type { ReferenceEvaluator } from './conditions/reference-evaluator.js';
export { isSafeFactPath, resolveFactPath } from './conditions/fact-path.js';
export { DEFAULT_OPERATORS } from './conditions/operators.js';

// Events in.
export type * from './events/event-types.js';
export { EVENT_TYPES, CHANNELS, ALLOCATION_MODES, ASSIGNMENT_MODES, SEVERITIES, APPEAL_OUTCOMES, DECISION_EVENT_TYPES } from './events/event-types.js';
export { formatEventError, parseEvents, parseEventsBounded, validateEvent } from './events/parse-events.js';
export { checkEventCodes } from './events/validate-event.js';
export { eventSchema } from './events/event-schema.js';
export type { BoundedParsedEvents, ParsedEvents, EventValidation } from './events/parse-events.js';
export type { EventCodes } from './events/event-fields.js';
export { ANY_CODES } from './events/event-fields.js';

// Decisions out.
export type * from './decisions/decision-types.js';
export { DECISION_KINDS } from './decisions/decision-types.js';
export { decisionIdentity, sameDecision } from './decisions/decision-identity.js';

// Evaluation.
export { createEngine, simulate, simulateReference, simulateStream, simulateStreamAsync, checkHistory, EngineError } from './simulate.js';
export type { Engine, EngineOptions, EngineSnapshot, EvaluationMode, EventProblem, HistoryProblem, SanctionView, SimulateOptions } from './simulate.js';
export type { SanctionKind } from './core/state.js';

// The allocation ring (P1), previewed from a snapshot without changing it.
export { previewRing } from './rules/ring-preview.js';
export type { RingBlock, RingPreview, RingSeat } from './rules/ring-preview.js';

// What-if.
export { summarizeDecisions, whatIf } from './what-if/what-if.js';
export { DIFF_STEP, diffDecisions, diffDecisionsInSteps } from './what-if/decision-diff.js';
export type { DecisionDiff } from './what-if/decision-diff.js';
export type { DecisionChange, ImpactComparison, ImpactTotals, WhatIfReport, StaffImpact } from './what-if/what-if.js';

// Time helpers (pure; used by the runtime and the admin app).
export { parseInstant } from './time/instant.js';
export { zoneOf, isKnownZone } from './time/zone.js';
export type { Zone } from './time/zone.js';
