/** Why the runtime refused a request (as data, so the CLI and the admin app can branch on it). */
export const RUNTIME_ERROR_CODES = [
  'no-policy',
  'policy-invalid',
  'policy-exists',
  'effective-too-early',
  'effective-required',
  'not-found',
  'invalid-input',
  'not-scheduled',
] as const;
/** One of `RUNTIME_ERROR_CODES`. */
export type RuntimeErrorCode = (typeof RUNTIME_ERROR_CODES)[number];

/**
 * A request the runtime refused before changing anything: the in-memory state stays valid
 * (unlike a failed write, after which the runtime rebuilds its state from the store).
 */
export class RuntimeError extends Error {
  constructor(
    readonly code: RuntimeErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RuntimeError';
  }
}
