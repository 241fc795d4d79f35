/**
 * Webhook signing in the Standard Webhooks form: new secrets and the signed headers of a delivery.
 */
import { randomBytes } from 'node:crypto';
import { Webhook } from 'standardwebhooks';

/** A new endpoint secret in the Standard Webhooks form: `whsec_` and 32 random bytes in base64. */
export function newSecret(): string {
  return `whsec_${randomBytes(32).toString('base64')}`;
}

/** Is this a secret `standardwebhooks` can sign with (`whsec_` + base64 of 24–64 bytes)? */
export function isSecret(value: string): boolean {
  const m = /^whsec_([A-Za-z0-9+/]+={0,2})$/.exec(value);
  if (m === null) return false;
  const n = Buffer.from(m[1] ?? '', 'base64').length;
  return n >= 24 && n <= 64;
}

/** The three Standard Webhooks headers of one attempt. */
export type SignedHeaders = {
  'webhook-id': string;
  'webhook-timestamp': string;
  'webhook-signature': string;
};

/**
 * Signs one attempt with `standardwebhooks`: `webhook-id` (the same on every retry),
 * `webhook-timestamp` (this attempt's, in seconds) and one `v1,<base64>` signature per secret,
 * separated by a space (the current secret first; during a rotation also the previous one, so
 * a receiver still holding either key verifies).
 */
export function signDelivery(id: string, at: Date, body: string, secrets: readonly string[]): SignedHeaders {
  const signatures = secrets.map((secret) => new Webhook(secret).sign(id, at, body));
  return { 'webhook-id': id, 'webhook-timestamp': String(Math.floor(at.getTime() / 1000)), 'webhook-signature': signatures.join(' ') };
}
