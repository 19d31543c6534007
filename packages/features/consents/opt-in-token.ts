import { createHmac, timingSafeEqual } from 'node:crypto';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { ticketKeyBytes } from '#packages/tickets/signing-key.ts';

/**
 * The signed links of consent mail, with the tenant's `marketingTokenKey`
 * under a domain string of their own (so a campaign token never passes as
 * one of these, nor one kind as the other):
 * - `o` (double opt-in confirmation): the contact and the pending record it confirms;
 * - `p` (preference centre): the contact whose preferences the page shows.
 * Shape: base64url(JSON payload) "." base64url(first 16 bytes of the HMAC).
 */
const DOMAIN = 'eventos-consent-v1.';
const MAC_BYTES = 16;
const MAX_TOKEN_LENGTH = 512;
const ID = /^[0-9A-Za-z_-]{1,64}$/;

export type ConsentTokenKind = 'o' | 'p';
export interface ConsentClaims {
  contactId: string;
  /** The pending record (`o`); absent for `p`. */
  recordId?: string;
}

function mac(payloadPart: string, key?: string | Uint8Array): Buffer {
  return createHmac('sha256', ticketKeyBytes(key ?? currentSecret('marketingTokenKey')))
    .update(DOMAIN + payloadPart, 'ascii')
    .digest()
    .subarray(0, MAC_BYTES);
}

export function signConsentToken(kind: ConsentTokenKind, claims: ConsentClaims, key?: string | Uint8Array): string {
  if (!ID.test(claims.contactId) || (claims.recordId !== undefined && !ID.test(claims.recordId))) throw new TypeError('not an id');
  const payloadPart = Buffer.from(JSON.stringify({ k: kind, c: claims.contactId, r: claims.recordId }), 'utf8').toString('base64url');
  return `${payloadPart}.${mac(payloadPart, key).toString('base64url')}`;
}

/** The claims of a valid token of `kind`, or null (never throws on bad input). */
export function verifyConsentToken(kind: ConsentTokenKind, token: unknown, key?: string | Uint8Array): ConsentClaims | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const [payloadPart, macPart, extra] = token.split('.');
  if (!payloadPart || !macPart || extra !== undefined) return null;
  const given = Buffer.from(macPart, 'base64url');
  if (given.length !== MAC_BYTES || given.toString('base64url') !== macPart) return null;
  if (!timingSafeEqual(given, mac(payloadPart, key))) return null;
  try {
    const p = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8')) as { k?: unknown; c?: unknown; r?: unknown };
    if (p.k !== kind || typeof p.c !== 'string' || !ID.test(p.c)) return null;
    if (kind === 'o' && (typeof p.r !== 'string' || !ID.test(p.r))) return null;
    return kind === 'o' ? { contactId: p.c, recordId: p.r as string } : { contactId: p.c };
  } catch {
    return null;
  }
}
