/** A workflow step's outcome as an HTTP response, and the 400 for a malformed request. */
import { json } from './guard';
import { REFUSALS } from './workflow-result';
import type { StepResult } from './workflow-result';

/** A workflow step's outcome as an HTTP response: 200 with the value, or the refusal's status with its message. */
export function stepResponse<T>(result: StepResult<T>, key = 'version'): Response {
  if (result.ok) return json({ [key]: result.value });
  return json({ error: result.code, message: result.message, ...(result.details === undefined ? {} : { details: result.details }) }, REFUSALS[result.code]);
}

/** 400 for a malformed request. */
export function badRequest(zh: string, en: string): Response {
  return json({ error: 'bad_request', message: { zh, en } }, 400);
}
