/** A workflow step's result: done, or refused with the reason and its HTTP status. */
import type { Localized } from './i18n/lang';

/** Why a workflow step was refused; the HTTP status the route handler answers with. */
export const REFUSALS = {
  not_found: 404,
  invalid: 422,
  conflict: 409,
  wrong_status: 409,
  own_draft: 403,
  runtime: 409,
  bad_request: 400,
  /** Publishing would undo a scheduled version: the request must name it to confirm. */
  confirm_undo: 409,
  reason_required: 422,
  /** The emergency path is off in this installation. */
  emergency_off: 403,
} as const;
export type Refusal = keyof typeof REFUSALS;

/** The outcome of a workflow step: its value, or a refusal with a message in both languages. */
export type StepResult<T> = { ok: true; value: T } | { ok: false; code: Refusal; message: Localized; details?: unknown };

/** A refusal. */
export function refuse(code: Refusal, zh: string, en: string, details?: unknown): { ok: false; code: Refusal; message: Localized; details?: unknown } {
  return details === undefined ? { ok: false, code, message: { zh, en } } : { ok: false, code, message: { zh, en }, details };
}

/** Success. */
export function done<T>(value: T): { ok: true; value: T } {
  return { ok: true, value };
}
