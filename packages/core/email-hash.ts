import { createHmac } from 'node:crypto';
import { currentSecret } from './secrets/index.ts';

/**
 * The keyed hash an erasure leaves of a person's address (erasedEmail item):
 * HMAC-SHA256 under the tenant's `marketingTokenKey` with a domain string of
 * its own, over the normalised address (trimmed, lower-cased). Keyed rather
 * than a plain hash, so the table alone cannot be checked against a list of
 * addresses; the same key for every tenant process, so an import finds it.
 * Routes and consumers that compute it declare the `marketingTokenKey` secret.
 */
export function emailHash(email: string, key?: string | Uint8Array): string {
  const k = key ?? currentSecret('marketingTokenKey');
  return createHmac('sha256', typeof k === 'string' ? Buffer.from(k, 'utf8') : Buffer.from(k))
    .update(`eventos-erased-email-v1.${email.trim().toLowerCase()}`, 'utf8')
    .digest('base64url');
}
