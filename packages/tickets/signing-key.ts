/**
 * Key material for ticket-code HMACs. A string is used as its UTF-8 bytes.
 * The tenant's key is the `ticketSigningKey` secret, which the routes that
 * issue or verify codes declare (packages/core/secrets loads it).
 */
export type TicketSigningKey = string | Uint8Array;

/** 256 bits: HMAC-SHA256 gains nothing from more and is weakened by less. */
export const MIN_TICKET_KEY_BYTES = 32;

export function ticketKeyBytes(key: TicketSigningKey): Buffer {
  const bytes = typeof key === 'string' ? Buffer.from(key, 'utf8') : Buffer.from(key);
  if (bytes.length < MIN_TICKET_KEY_BYTES) {
    // A configuration fault, not bad input: fail loudly rather than sign with a weak key.
    throw new Error(`ticket signing key must be at least ${MIN_TICKET_KEY_BYTES} bytes`);
  }
  return bytes;
}
