import { LATE_FORMS, STAFF_ROLES, TIERS } from '../policy/policy-types.js';
import { ALLOCATION_MODES, APPEAL_OUTCOMES, ASSIGNMENT_MODES, CHANNELS, EVENT_TYPES, SEVERITIES } from './event-types.js';
import type { EventType } from './event-types.js';

/**
 * The kinds of value an event field may hold (SPEC §3):
 * `id` a non-empty string, `text` any string, `instant` an ISO-8601 date-time with offset,
 * `fen` a non-negative safe integer of fen, `days` a positive safe integer of days, `count` a
 * positive safe integer count, `enum` one of `values`,
 * `eventType` one of {@link EVENT_TYPES} (only the `type` field).
 */
export type FieldKind = 'id' | 'text' | 'instant' | 'fen' | 'days' | 'count' | 'enum' | 'eventType' | 'code';

/** Code lists a policy declares (SPEC §6); a `code` field names one of them. */
export type CodeList = 'tiers' | 'forms' | 'incidents';

/**
 * The codes an event is checked against: those of the policy in force. A list left out (or
 * null) accepts any code; without a policy the default codes apply (tiers A–D, the two forms,
 * any incident code).
 */
export interface EventCodes {
  tiers?: ReadonlySet<string> | null;
  forms?: ReadonlySet<string> | null;
  incidents?: ReadonlySet<string> | null;
}

/** One field of one event type: its name, kind, whether it must be present, and enum values. */
export interface FieldSpec {
  readonly name: string;
  readonly kind: FieldKind;
  readonly required: boolean;
  /** The allowed values when `kind` is `enum`, the default codes when `code`; empty otherwise. */
  readonly values: readonly string[];
  /** The code list of a `code` field. */
  readonly list?: CodeList;
}

/** The fields of one event type, common ones (`id`, `type`, `at`) first, in SPEC §3 order. */
export interface EventTypeSpec {
  readonly type: EventType;
  readonly fields: readonly FieldSpec[];
  /** Field name → field, to look up each key of a line once. */
  readonly byName: ReadonlyMap<string, FieldSpec>;
  /** How many fields are required, so missing ones are searched for only when one is. */
  readonly requiredCount: number;
  /** Lower-cased field name → field name, to suggest `staffId` for a mistyped `staffID`. */
  readonly byLowerName: ReadonlyMap<string, string>;
}

const NONE: readonly string[] = [];

/** Codes that accept any well-formed code (the runtime checks codes against each event's policy later). */
export const ANY_CODES: EventCodes = Object.freeze({ tiers: null, forms: null, incidents: null });

const req = (name: string, kind: Exclude<FieldKind, 'enum' | 'code'>): FieldSpec => ({ name, kind, required: true, values: NONE });
const opt = (name: string, kind: Exclude<FieldKind, 'enum' | 'code'>): FieldSpec => ({ name, kind, required: false, values: NONE });
const reqEnum = (name: string, values: readonly string[]): FieldSpec => ({ name, kind: 'enum', required: true, values });
const optEnum = (name: string, values: readonly string[]): FieldSpec => ({ name, kind: 'enum', required: false, values });
const code = (name: string, list: CodeList, required: boolean, values: readonly string[] = NONE): FieldSpec => ({ name, kind: 'code', required, values, list });

/**
 * Type-specific fields of every event type, exactly SPEC §3's table. The validator and the
 * JSON Schema are both built from this one table so the two cannot drift apart.
 */
const TYPE_FIELDS: { readonly [T in EventType]: readonly FieldSpec[] } = {
  'staff.joined': [req('staffId', 'id'), reqEnum('role', STAFF_ROLES), code('level', 'tiers', false, TIERS), opt('name', 'text')],
  'staff.left': [req('staffId', 'id'), opt('successorId', 'id')],
  'lead.received': [
    req('clientId', 'id'),
    reqEnum('channel', CHANNELS),
    opt('receptionistId', 'id'),
    opt('expectedDealFen', 'fen'),
    code('classifiedTier', 'tiers', false, TIERS),
  ],
  'lead.allocate': [req('clientId', 'id'), optEnum('mode', ALLOCATION_MODES)],
  'lead.assigned': [req('clientId', 'id'), req('staffId', 'id'), reqEnum('mode', ASSIGNMENT_MODES), opt('by', 'id')],
  'contact.made': [req('clientId', 'id'), req('staffId', 'id')],
  'manager.reported': [req('clientId', 'id'), req('staffId', 'id')],
  'tier.mismatch': [
    req('clientId', 'id'),
    req('receptionistId', 'id'),
    req('repId', 'id'),
    code('classifiedTier', 'tiers', true, TIERS),
    code('actualTier', 'tiers', true, TIERS),
    req('approvedBy', 'id'),
  ],
  'entry.late': [req('staffId', 'id'), code('form', 'forms', true, LATE_FORMS)],
  violation: [req('staffId', 'id'), reqEnum('severity', SEVERITIES), opt('note', 'text')],
  'client.registered': [req('clientId', 'id'), req('staffId', 'id'), req('developedAt', 'instant')],
  'sales.activity': [req('clientId', 'id'), req('staffId', 'id')],
  'deal.closed': [req('clientId', 'id'), req('staffId', 'id'), req('amountFen', 'fen')],
  'claim.extended': [req('clientId', 'id'), req('days', 'days'), req('approvedBy', 'id')],
  'client.swapped': [req('clientId', 'id'), req('fromStaffId', 'id'), req('toStaffId', 'id'), opt('approvedBy', 'id')],
  'client.reassigned': [req('clientId', 'id'), req('toStaffId', 'id'), req('by', 'id')],
  'staff.incident': [req('staffId', 'id'), code('code', 'incidents', true), opt('note', 'text')],
  'opening.staff': [
    req('staffId', 'id'),
    opt('banUntil', 'instant'),
    opt('hotlineBanUntil', 'instant'),
    opt('pausesOwed', 'count'),
    opt('priorViolations', 'count'),
    opt('rule', 'id'),
  ],
  'opening.client': [
    req('clientId', 'id'),
    opt('owner', 'id'),
    code('tier', 'tiers', false, TIERS),
    opt('registeredAt', 'instant'),
    opt('r2Deadline', 'instant'),
    opt('handedOutAt', 'instant'),
    opt('lastActivityAt', 'instant'),
  ],
  // A reason is required and must say something: the `id` kind (a non-empty string).
  'decision.acknowledged': [req('decisionId', 'id'), req('staffId', 'id')],
  'decision.acknowledgement_refused': [req('decisionId', 'id'), req('staffId', 'id'), opt('witness', 'id')],
  'decision.appealed': [req('decisionId', 'id'), req('staffId', 'id'), req('reason', 'id')],
  'appeal.decided': [req('decisionId', 'id'), reqEnum('outcome', APPEAL_OUTCOMES), req('by', 'id'), req('reason', 'id'), opt('amountFen', 'fen'), opt('days', 'days')],
  'decision.dismissed': [req('decisionId', 'id'), req('by', 'id'), req('reason', 'id')],
};

/** The fields every event carries, in the order a validated event lists them. */
export const COMMON_FIELDS: readonly FieldSpec[] = [req('id', 'id'), req('type', 'eventType'), req('at', 'instant')];

/**
 * Every event type's full field list keyed by type. A `Map`, not an object, so that a `type`
 * such as `"__proto__"` or `"constructor"` can never find an inherited entry.
 */
export const EVENT_TYPE_SPECS: ReadonlyMap<string, EventTypeSpec> = new Map(
  EVENT_TYPES.map((type): [string, EventTypeSpec] => {
    const fields = [...COMMON_FIELDS, ...TYPE_FIELDS[type]];
    const byName = new Map(fields.map((f): [string, FieldSpec] => [f.name, f]));
    const byLowerName = new Map(fields.map((f): [string, string] => [f.name.toLowerCase(), f.name]));
    const requiredCount = fields.filter((f) => f.required).length;
    return [type, { type, fields, byName, requiredCount, byLowerName }];
  }),
);

/**
 * Keys that are rejected wherever they occur in an event: they are how prototype-pollution
 * payloads travel, and no event field is named like them.
 */
export const FORBIDDEN_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
