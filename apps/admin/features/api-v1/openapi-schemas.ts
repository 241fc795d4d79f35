/**
 * The JSON Schema components of the OpenAPI document: the request and answer bodies of `/api/v1`.
 */
import { ALLOCATION_MODES, DECISION_KINDS, LATE_FORMS, TIERS, eventSchema, policySchema } from '@allot/engine';
import type { DecisionKind } from '@allot/engine';
import { MAX_DECISIONS_LIMIT } from './reads';

/** A JSON Schema node (OpenAPI 3.1 uses JSON Schema 2020-12). */
export type SchemaNode = Record<string, unknown>;

const ref = (name: string): SchemaNode => ({ $ref: `#/components/schemas/${name}` });
const str = (description?: string): SchemaNode => (description === undefined ? { type: 'string' } : { type: 'string', description });
const int = (minimum: number, description?: string): SchemaNode => ({ type: 'integer', minimum, ...(description === undefined ? {} : { description }) });
const instant = (description?: string): SchemaNode => ({ type: 'string', format: 'date-time', ...(description === undefined ? {} : { description }) });
const nullable = (schema: SchemaNode): SchemaNode => ({ anyOf: [schema, { type: 'null' }] });
const enumOf = (values: readonly string[]): SchemaNode => ({ type: 'string', enum: [...values] });

/** A closed object: every property listed, the `required` ones always present. */
function object(properties: Record<string, SchemaNode>, required: readonly string[], description?: string): SchemaNode {
  return { type: 'object', ...(description === undefined ? {} : { description }), required: [...required], properties, additionalProperties: false };
}

/**
 * Copies an engine schema (draft-07, shared parts under `definitions`) into the document: its
 * `definitions` become components named `<prefix><Name>` and every `$ref` is rewritten to them,
 * because a `#/definitions/…` pointer inside the OpenAPI document would resolve against the
 * document's root. `$schema` goes: the document's dialect is JSON Schema 2020-12, a superset of
 * what these schemas use.
 */
function hoist(schema: Readonly<Record<string, unknown>>, prefix: string): { root: SchemaNode; defs: Record<string, SchemaNode> } {
  const name = (def: string): string => `${prefix}${def.charAt(0).toUpperCase()}${def.slice(1)}`;
  const rewrite = (node: unknown): unknown => {
    if (Array.isArray(node)) return node.map(rewrite);
    if (node === null || typeof node !== 'object') return node;
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(node)) {
      out[k] = k === '$ref' && typeof v === 'string' && v.startsWith('#/definitions/') ? `#/components/schemas/${name(v.slice('#/definitions/'.length))}` : rewrite(v);
    }
    return out;
  };
  const { $schema: _dialect, definitions, ...root } = rewrite(schema) as Record<string, unknown>;
  const defs: Record<string, SchemaNode> = {};
  for (const [k, v] of Object.entries((definitions ?? {}) as Record<string, SchemaNode>)) defs[name(k)] = v;
  return { root, defs };
}

/** The fields each decision kind adds to the common ones (SPEC §4); `?` marks an optional one. */
const KIND_FIELDS: Record<DecisionKind, Record<string, SchemaNode>> = {
  'client.tiered': { clientId: str(), tier: enumOf(TIERS), expectedDealFen: int(0, 'integer fen') },
  'staff.paused': { staffId: str(), count: int(1, 'pauses this decision adds') },
  'staff.banned': { staffId: str(), from: instant(), until: instant() },
  'staff.hotline_banned': { staffId: str(), from: instant(), until: instant() },
  'staff.fined': { staffId: str(), amountFen: int(0, 'integer fen'), reason: enumOf([...LATE_FORMS, 'late_follow_up']) },
  'staff.termination_review': { staffId: str() },
  'staff.replacement_owed': { staffId: str(), tier: enumOf(TIERS) },
  'lead.allocated': { clientId: str(), staffId: str() },
  'lead.unallocated': { clientId: str(), reason: enumOf(['no_eligible_staff', 'already_owned']) },
  'lead.duplicate': { clientId: str(), keptEventId: str() },
  'allocation.breach': { clientId: str(), staffId: str(), reason: enumOf(['banned', 'paused']) },
  'registration.late': { clientId: str(), staffId: str() },
  'registration.rejected': { clientId: str(), staffId: str(), protectedBy: str(), 'until?': instant("the owner's R2 deadline") },
  'client.review_due': { clientId: str(), staffId: str(), reason: { const: 'not_converted' } },
  'client.reclaim_due': { clientId: str(), staffId: str(), reason: { const: 'inactive' } },
  'client.reclaimed': { clientId: str(), fromStaffId: str() },
  'client.transferred': { clientId: str(), fromStaffId: str(), toStaffId: str() },
  'deal.credited': { clientId: str(), to: str('a staff id, or "department"'), amountFen: int(0, 'integer fen') },
  'decision.superseded': {
    decisionId: str('the sanction that no longer holds'),
    staffId: str(),
    by: str('the event that superseded it: an appeal.decided or decision.dismissed (the decisions holding instead cite it in their cause)'),
  },
};

/** One branch of the decision schema: the common fields, `kind` fixed, the kind's own fields. */
function decisionBranch(kind: DecisionKind): SchemaNode {
  const own: Record<string, SchemaNode> = {};
  const required = ['id', 'at', 'kind', 'rule', 'policy', 'cause', 'explain'];
  for (const [key, schema] of Object.entries(KIND_FIELDS[kind])) {
    const optional = key.endsWith('?');
    const name = optional ? key.slice(0, -1) : key;
    own[name] = schema;
    if (!optional) required.push(name);
  }
  return object(
    {
      id: str(),
      at: instant('the instant it took effect'),
      kind: { const: kind },
      rule: str('the rule id of the policy, e.g. M2'),
      policy: ref('PolicyRef'),
      cause: { type: 'array', items: str(), description: 'ids of the events that led to it' },
      explain: ref('LocalizedText'),
      ...own,
    },
    required,
    kind,
  );
}

const ingestFields = (): Record<string, SchemaNode> => ({
  accepted: int(0, 'new events stored and applied'),
  duplicates: int(0, 'events already stored with the same content: skipped'),
  late: int(0, "accepted events older than the runtime's time, applied at its time"),
  rejected: { type: 'array', items: ref('EventError'), maxItems: 100, description: 'the first 100 problems, by line number (array index + 1 for a JSON array); `rejectedCount` counts them all' },
  rejectedCount: int(0, 'how many problems there were in all (more than the length of `rejected` when it was capped at 100)'),
  decisions: { type: 'array', items: ref('Decision'), description: 'the decisions the new events caused, in order' },
  message: ref('LocalizedText'),
});

/** The document's `components.schemas`. */
export function componentSchemas(): Record<string, SchemaNode> {
  const policy = hoist(policySchema, 'Policy');
  const event = hoist(eventSchema, 'Event');
  return {
    LocalizedText: object({ zh: str(), en: str() }, ['zh', 'en'], 'one sentence in Chinese and in English'),
    Error: object(
      {
        error: str('a stable code: unauthenticated, forbidden, bad_request, bad_json, bad_encoding, not_found, payload_too_large, unsupported_media_type, idempotency_key_reused, idempotency_in_progress, no_policy, internal'),
        message: ref('LocalizedText'),
        field: str('the body field, query parameter or header that is wrong'),
        scope: str('the scope the token lacks'),
        limit: int(0, 'the size limit in bytes'),
        key: str('the Idempotency-Key'),
      },
      ['error', 'message'],
    ),
    Event: { ...event.root, description: 'One input event (SPEC §3); the schema the engine validates with.' },
    ...event.defs,
    EventError: object({ line: int(1), field: nullable(str()), message: str() }, ['line', 'field', 'message'], 'why one line (or array element) was rejected'),
    IngestResult: object(ingestFields(), ['accepted', 'duplicates', 'late', 'rejected', 'rejectedCount', 'decisions']),
    IngestFailure: object({ error: { const: 'invalid_events' }, ...ingestFields() }, ['error', 'message', 'accepted', 'duplicates', 'late', 'rejected', 'rejectedCount', 'decisions'], 'no line was valid'),
    PolicyRef: object({ id: str(), version: str(), hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' } }, ['id', 'version', 'hash']),
    Decision: { oneOf: DECISION_KINDS.map(decisionBranch), description: 'One recorded decision (SPEC §4).' },
    RecordedDecision: object({ seq: int(1, 'position in the decision log; the cursor'), sourceSeq: int(0), rowHash: str('hash-chain link'), decision: ref('Decision') }, ['seq', 'sourceSeq', 'rowHash', 'decision']),
    DecisionPage: object(
      { items: { type: 'array', items: ref('RecordedDecision'), maxItems: MAX_DECISIONS_LIMIT }, next: { ...nullable(int(0)), description: 'pass as `after` for the next page; null: no more' } },
      ['items', 'next'],
    ),
    StaffStatus: object(
      {
        staffId: str(),
        known: { type: 'boolean' },
        role: nullable(str()),
        level: nullable(str()),
        active: nullable({ type: 'boolean' }),
        pausesImposed: int(0),
        pausesLeft: int(0),
        bannedUntil: nullable(instant()),
        hotlineBannedUntil: nullable(instant()),
        banned: { type: 'boolean' },
        hotlineBanned: { type: 'boolean' },
        eligible: { type: 'boolean', description: 'the ring would give this member the next lead' },
        finedFen: int(0, 'fines so far, integer fen'),
        asOf: instant(),
      },
      ['staffId', 'known', 'role', 'level', 'active', 'pausesImposed', 'pausesLeft', 'bannedUntil', 'hotlineBannedUntil', 'banned', 'hotlineBanned', 'eligible', 'finedFen', 'asOf'],
    ),
    AllocateRequest: object({ clientId: { type: 'string', minLength: 1, maxLength: 128 }, mode: { ...enumOf(ALLOCATION_MODES), default: 'pool' } }, ['clientId']),
    AllocateResult: object({ decision: { ...nullable(ref('Decision')), description: 'lead.allocated or lead.unallocated; null when allocation (P1) is off' } }, ['decision']),
    PolicyVersion: object(
      {
        policyId: str(),
        version: str(),
        status: enumOf(['published', 'retired']),
        standing: enumOf(['in_force', 'scheduled', 'superseded', 'retired']),
        hash: { type: 'string', pattern: '^sha256:[0-9a-f]{64}$' },
        effectiveFrom: nullable(instant()),
        content: ref('Policy'),
      },
      ['policyId', 'version', 'status', 'standing', 'hash', 'effectiveFrom', 'content'],
    ),
    Policy: { ...policy.root, description: 'A policy file; the schema the engine validates with.' },
    ...policy.defs,
    ContactRequest: object({ name: { type: 'string', minLength: 1, maxLength: 100 }, phone: { type: 'string', description: 'a mainland mobile number, 11 digits starting with 1; spaces and dashes are ignored' } }, ['name', 'phone']),
    ContactResult: object({ clientId: str(), stored: { const: true }, updatedAt: instant() }, ['clientId', 'stored', 'updatedAt'], 'the personal data is never echoed'),
  };
}
