import { createHmac, hkdfSync } from 'node:crypto';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { ticketKeyBytes } from '#packages/tickets/signing-key.ts';

/** HKDF purpose: the chain key is independent of the ticket and cursor keys derived from the same root. */
const PURPOSE = 'eventos/audit/chain/v1';

/** The start of the first sealed day's chain. */
export const GENESIS = 'genesis';

/** The tenant's audit chain key, from the root secret the caller's route or job declares. */
export function chainKey(): Buffer {
  return Buffer.from(hkdfSync('sha256', ticketKeyBytes(currentSecret('ticketSigningKey')), Buffer.alloc(0), PURPOSE, 32));
}

/**
 * The day's digest: a keyed hash chain over its items in ULID order, from the
 * previous day's digest, so a changed, added, removed or reordered item, or a
 * rewritten earlier day, changes it; without the key it cannot be recomputed.
 */
export function dayDigest(key: Buffer, previousDigest: string, day: string, items: readonly { auditId: string; hash: string }[]): string {
  let link = createHmac('sha256', key).update(`${previousDigest}|${day}`).digest('hex');
  for (const item of items) link = createHmac('sha256', key).update(`${link}|${item.auditId}|${item.hash}`).digest('hex');
  return link;
}
