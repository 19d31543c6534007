import { createHmac } from 'node:crypto';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';
import { ticketKeyBytes, type TicketSigningKey } from '#packages/tickets/signing-key.ts';

/**
 * A lead's id: HMAC(key, exhibitor | ticket). The same badge scanned again at
 * the same exhibitor finds the same lead; two exhibitors' ids for one
 * attendee share nothing, and without the key nobody can go from the id back
 * to the ticket — the "anonymous reference" a lead without consent is.
 */
export function leadIdOf(exhibitorId: string, ticketId: string, key: TicketSigningKey): string {
  const digest = createHmac('sha256', ticketKeyBytes(key)).update(`exhibitor-lead|${exhibitorId}|${ticketId}`, 'utf8').digest();
  return encodeCrockford(digest).slice(0, 26);
}
