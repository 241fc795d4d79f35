/** Password hashes: argon2id in the PHC string form, and their verification. */
import { randomBytes } from 'node:crypto';
import { argon2Verify, argon2id } from 'hash-wasm';

/**
 * argon2id parameters: OWASP's first recommendation (19 MiB, 2 passes, 1 lane). Stored in the
 * PHC string, so raising them later still verifies old hashes.
 */
const PARAMS = { iterations: 2, memorySize: 19_456, parallelism: 1, hashLength: 32 } as const;

/** Hashes a password with argon2id and a fresh 16-byte salt; returns the PHC-encoded string. */
export async function hashPassword(password: string): Promise<string> {
  return argon2id({ password, salt: randomBytes(16), ...PARAMS, outputType: 'encoded' });
}

/** A hash of a password nobody has, verified when the account does not exist (equal timing). */
let decoy: Promise<string> | undefined;

/**
 * Checks a password against a stored argon2id hash. With no hash (unknown account) or an empty
 * password (which argon2 refuses at once) it still does the same work against a decoy, so
 * neither the answer nor the response time tells which accounts exist. Never throws.
 */
export async function verifyPassword(password: string, hash: string | undefined): Promise<boolean> {
  if (hash === undefined || password === '') {
    decoy ??= hashPassword(randomBytes(18).toString('base64'));
    try {
      await argon2Verify({ password: password === '' ? randomBytes(18).toString('base64') : password, hash: await decoy });
    } catch {
      // the decoy's answer is never used
    }
    return false;
  }
  try {
    return await argon2Verify({ password, hash });
  } catch {
    return false;
  }
}
