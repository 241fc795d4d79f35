/** The what-if's types: the question, the period, the versions and the result. */
import type { Decision } from '@allot/engine';
import type { Localized } from '../shared/i18n/lang';
import type { Totals, TotalsTriple } from './metrics';

/** What to simulate: the body of `POST /api/what-if` (and, with `staffId`, of `/api/what-if/person`). */
export interface WhatIfParams {
  policyId: string;
  /** The base version; default: the published version in force. */
  base?: string | undefined;
  /** The candidate version (a draft or any version); with `content`, the version it was edited from. */
  candidate: string;
  /** Unsaved candidate content (edited in place): validated by the engine, simulated, never stored. */
  content?: unknown;
  /** Start of the period (ISO-8601 with offset); default: `to` minus 90 days. */
  from?: string | null | undefined;
  /** End of the period (inclusive); default and upper bound: the latest stored event. */
  to?: string | null | undefined;
  /** A team key (see {@link TeamOption}); default: everyone. */
  team?: string | null | undefined;
  /** Replace each `lead.allocate` by the assignment the base run made (default true). */
  allocationsAsRecorded?: boolean | undefined;
}

/** A group of staff defined by `staff.joined`: a role, or reps serving one client tier. */
export interface TeamOption {
  /** `role:<role>` or `level:<tier>` (reps whose level is that tier). */
  key: string;
  label: Localized;
  members: number;
}

/** A staff member as the history knows them (`staff.joined`); no client data. */
export interface StaffInfo {
  staffId: string;
  name: string | null;
  role: string | null;
  level: string | null;
}

/** The period replayed and compared. */
export interface WhatIfPeriod {
  from: string;
  to: string;
  /** Whole days in it (rounded). */
  days: number;
  /** Stored events in the period. */
  events: number;
}

/** One version as the run used it. */
export interface RunVersion {
  version: string;
  hash: string;
  /** True when the candidate is unsaved content edited on the page. */
  edited?: boolean;
}

/** One person the candidate changes something for. */
export interface PersonRow extends StaffInfo, TotalsTriple {
  /** Decisions about this person made by one run and not the other (SPEC §4 "same decision"). */
  differing: number;
}

/** One week (Monday 00:00 China time) of the period. */
export interface WeekRow {
  /** The Monday, `YYYY-MM-DD`. */
  week: string;
  base: Totals;
  candidate: Totals;
}

/** What a what-if run answers. */
export interface WhatIfResult {
  policyId: string;
  base: RunVersion;
  candidate: RunVersion;
  period: WhatIfPeriod;
  team: { key: string; label: Localized; members: number } | null;
  allocationsAsRecorded: boolean;
  /** `lead.allocate` events replaced by the base run's assignment (as-recorded mode). */
  convertedAllocations: number;
  totals: TotalsTriple;
  weeks: WeekRow[];
  /** Everyone (in the team) with at least one differing decision, largest change in fines first. */
  people: PersonRow[];
  decisions: { base: number; candidate: number; differing: number };
  elapsedMs: number;
}

/** One line of the NDJSON answer of `POST /api/what-if`. */
export type WhatIfLine =
  | { type: 'start'; events: number; base: RunVersion; candidate: RunVersion }
  | { type: 'progress'; phase: 'base' | 'candidate' | 'both' | 'summary'; done: number; total: number }
  | { type: 'result'; result: WhatIfResult }
  | { type: 'error'; error: string; message: Localized };

/** A decision of one person, and whether the other run made it too. */
export interface PersonDecision {
  decision: Decision;
  /** `same`: both runs; `changed`: the other run decided the same thing differently; `only`: this run only. */
  status: 'same' | 'changed' | 'only';
  /** An allocation the base ring made that the candidate replayed as an assignment (allocations as recorded). */
  asRecorded?: boolean;
}

/** One person's decisions in the period under both versions (`POST /api/what-if/person`). */
export interface PersonDetail extends StaffInfo {
  base: PersonDecision[];
  candidate: PersonDecision[];
  totals: TotalsTriple;
}
