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

/**
 * Is `error` a runtime refusal? Matches on its name and error code, never on `instanceof`: an
 * app may load this package more than once (Next.js bundles a module into every route that
 * uses it), and an error thrown by one copy is not an instance of another copy's class.
 */
export function isRuntimeError(error: unknown): error is RuntimeError {
  if (error === null || typeof error !== 'object') return false;
  const e = error as { name?: unknown; code?: unknown; message?: unknown };
  return e.name === 'RuntimeError' && typeof e.message === 'string' && (RUNTIME_ERROR_CODES as readonly unknown[]).includes(e.code);
}
