import { createHmac, timingSafeEqual } from 'node:crypto';
import { ticketKeyBytes, type TicketSigningKey } from '#packages/tickets/signing-key.ts';
import { currentSecret } from './secrets/index.ts';

/**
 * Short signed links for people who have no account (an attendee naming
 * themselves, registering for sessions, giving feedback; a speaker editing a
 * profile). Shape: `base64url(payload).base64url(mac)`, payload = compact JSON
 * `{ k: kind, c: claims, x: expiry seconds }`, mac = first 16 bytes of
 * HMAC-SHA256(tenant ticket key, "eventos-link-v1." + payload part). The kind
 * is inside the MAC, so a token of one kind never passes as another; the
 * domain prefix keeps these MACs apart from ticket codes signed with the same key.
 * Routes that sign or verify declare the `ticketSigningKey` secret.
 */
const DOMAIN = 'eventos-link-v1.';
const MAC_BYTES = 16;
const MAX_TOKEN_LENGTH = 1024;

export type SignedClaims = Record<string, string>;

function mac(payloadPart: string, key: TicketSigningKey): Buffer {
  return createHmac('sha256', ticketKeyBytes(key)).update(DOMAIN + payloadPart, 'ascii').digest().subarray(0, MAC_BYTES);
}

export function signLinkToken(kind: string, claims: SignedClaims, expiresAt: Date, key: TicketSigningKey | undefined = undefined): string {
  key ??= currentSecret('ticketSigningKey');
  const payload = { k: kind, c: claims, x: Math.floor(expiresAt.getTime() / 1000) };
  const payloadPart = Buffer.from(JSON.stringify(payload), 'utf8').toString('base64url');
  return `${payloadPart}.${mac(payloadPart, key).toString('base64url')}`;
}

export type LinkTokenCheck<C> = { ok: true; claims: C; expiresAt: string } | { ok: false; reason: 'invalid' | 'expired' };

/** The claims of a valid, unexpired token of `kind`; never throws on bad input. */
export function verifyLinkToken<C extends SignedClaims>(
  kind: string,
  token: unknown,
  now: Date,
  key: TicketSigningKey = currentSecret('ticketSigningKey'),
): LinkTokenCheck<C> {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return { ok: false, reason: 'invalid' };
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return { ok: false, reason: 'invalid' };
  const payloadPart = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  const expected = mac(payloadPart, key);
  if (given.length !== expected.length || !timingSafeEqual(given, expected)) return { ok: false, reason: 'invalid' };
  let payload: { k?: unknown; c?: unknown; x?: unknown };
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return { ok: false, reason: 'invalid' };
  }
  if (payload.k !== kind || typeof payload.x !== 'number' || typeof payload.c !== 'object' || payload.c === null) return { ok: false, reason: 'invalid' };
  if (payload.x * 1000 <= now.getTime()) return { ok: false, reason: 'expired' };
  return { ok: true, claims: payload.c as C, expiresAt: new Date(payload.x * 1000).toISOString() };
}
