import { createHash, createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import { encodeCrockford } from './crockford-base32.ts';
import { ticketKeyBytes, type TicketSigningKey } from './signing-key.ts';

export type { TicketSigningKey } from './signing-key.ts';

/**
 * `EO1.<ticketId>.<eventId>.<nonce>.<mac>` — see docs/ticket-codes.md, which a
 * scanner vendor reads; change both together, and bump the version on any change.
 */
const VERSION = 'EO1';
const NONCE_BYTES = 8;
const MAC_BYTES = 16;

const ULID = '[0-7][0-9A-HJKMNP-TV-Z]{25}';
const B32 = '[0-9A-HJKMNP-TV-Z]';
const CODE_PATTERN = new RegExp(`^${VERSION}\\.(${ULID})\\.(${ULID})\\.(${B32}{13})\\.(${B32}{26})$`);
const ULID_PATTERN = new RegExp(`^${ULID}$`);

/** Every valid code has exactly this length; anything else is rejected before any work. */
export const TICKET_CODE_LENGTH = VERSION.length + 1 + 26 + 1 + 26 + 1 + 13 + 1 + 26;

export interface TicketCodeClaims {
  ticketId: string;
  eventId: string;
}

function mac(signed: string, key: TicketSigningKey): string {
  const digest = createHmac('sha256', ticketKeyBytes(key)).update(signed, 'ascii').digest();
  return encodeCrockford(digest.subarray(0, MAC_BYTES));
}

/**
 * A fresh code for a ticket. The random nonce makes every issue distinct, so a
 * re-issued ticket gets a new code and the stored one (or its digest) decides
 * which is current; the signature alone only proves we minted it.
 */
export function signTicketCode({ ticketId, eventId }: TicketCodeClaims, key: TicketSigningKey): string {
  // Ids are embedded verbatim: ULIDs are already upper-case Crockford base32.
  if (!ULID_PATTERN.test(ticketId)) throw new TypeError('ticketId must be an upper-case ULID');
  if (!ULID_PATTERN.test(eventId)) throw new TypeError('eventId must be an upper-case ULID');
  const signed = `${VERSION}.${ticketId}.${eventId}.${encodeCrockford(randomBytes(NONCE_BYTES))}`;
  return `${signed}.${mac(signed, key)}`;
}

/** The claims of a code we signed with `key`, or null for anything else. Never throws on bad input. */
export function verifyTicketCode(code: unknown, key: TicketSigningKey): TicketCodeClaims | null {
  if (typeof code !== 'string' || code.length !== TICKET_CODE_LENGTH) return null;
  const match = CODE_PATTERN.exec(code);
  if (!match) return null;
  const [, ticketId, eventId, , given] = match as unknown as [string, string, string, string, string];
  const expected = mac(code.slice(0, code.length - given.length - 1), key);
  // Both are 26 ASCII characters here, so timingSafeEqual's equal-length rule holds.
  if (!timingSafeEqual(Buffer.from(given, 'ascii'), Buffer.from(expected, 'ascii'))) return null;
  return { ticketId, eventId };
}

/**
 * SHA-256 (hex) of the code. Offline scanners get the digests of an event's valid
 * codes: they can recognise a code without holding the key, so a scanner can never mint one.
 */
export function ticketCodeDigest(code: string): string {
  return createHash('sha256').update(code, 'utf8').digest('hex');
}
