import { hkdfSync } from 'node:crypto';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { ticketKeyBytes, type TicketSigningKey } from '#packages/tickets/signing-key.ts';

/**
 * The tenant secret the cursor key is derived from, so CDK grants it to every
 * list route (see `routeSecrets`). The ticket-signing secret is the one
 * per-tenant, generated, retained secret every stack already has; HKDF with
 * its own purpose keeps the two keys independent, so a cursor never helps
 * forge a ticket code or the other way round.
 */
export const cursorKeySecret: TenantSecret = 'ticketSigningKey';

/** HKDF `info`: the purpose, and the format version the key seals (see cursor-seal.ts). */
const PURPOSE = 'eventos/cursor/c1';

/** A 256-bit AES-GCM key from the tenant's root secret; a different root (another tenant) gives an unrelated key. */
export function deriveCursorKey(root: TicketSigningKey): Buffer {
  return Buffer.from(hkdfSync('sha256', ticketKeyBytes(root), Buffer.alloc(0), PURPOSE, 32));
}

/**
 * The tenant's cursor key: the one place the HTTP layer gets it. The root is
 * one of the route's declared secrets (`routeSecrets` adds it to every list
 * route), loaded for the invocation like any other.
 */
export async function cursorKey(): Promise<Buffer> {
  return deriveCursorKey(currentSecret(cursorKeySecret as 'ticketSigningKey'));
}
