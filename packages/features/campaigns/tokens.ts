import { createHmac, timingSafeEqual } from 'node:crypto';
import { ticketKeyBytes, type TicketSigningKey } from '#packages/tickets/signing-key.ts';
import { currentSecret } from '#packages/core/secrets/index.ts';

/**
 * Signed tokens carried by campaign mail:
 * - the unsubscribe token (in `List-Unsubscribe` and the visible link): who
 *   leaves, and from which campaign's mail. It never expires — a link in a
 *   mail from years ago must still work (RFC 8058, and the law in most places);
 * - the recipient token (`?rt=` on tracked links): which recipient of which
 *   campaign came to buy, for revenue attribution.
 *
 * Shape: `base64url(payload).base64url(mac)` where payload is compact JSON
 * with a kind letter (`u` / `r`) so one kind can never pass as the other, and
 * mac = first 16 bytes of HMAC-SHA256(key, "eventos-mkt-v1." + payload part).
 * The key is the tenant's `marketingTokenKey` secret, which the routes and
 * consumers that sign or verify these tokens declare (packages/core/secrets).
 */
export type MarketingTokenKey = TicketSigningKey;

export interface UnsubscribeClaims {
  contactId: string;
  campaignId: string;
}

export interface RecipientClaims {
  campaignId: string;
  contactId: string;
}

const DOMAIN = 'eventos-mkt-v1.';
const MAC_BYTES = 16;
/** Far above any real token (two ULIDs + JSON ≈ 110 chars); anything longer is rejected unread. */
const MAX_TOKEN_LENGTH = 512;
const ID_PATTERN = /^[0-9A-Za-z_-]{1,64}$/;

/** Documented local default, so links in locally sent mail survive a restart. */
export const LOCAL_MARKETING_TOKEN_KEY = 'eventos-local-marketing-token-key-not-for-production';

/** The key the current route or consumer declared; a caller may pass its own instead (tests, a rotation). */
export function currentMarketingTokenKey(): MarketingTokenKey {
  return currentSecret('marketingTokenKey');
}

function mac(payloadPart: string, key: MarketingTokenKey): Buffer {
  return createHmac('sha256', ticketKeyBytes(key)).update(DOMAIN + payloadPart, 'ascii').digest().subarray(0, MAC_BYTES);
}

function sign(kind: 'u' | 'r', contactId: string, campaignId: string, key: MarketingTokenKey): string {
  if (!ID_PATTERN.test(contactId)) throw new TypeError('contactId is not an id');
  if (!ID_PATTERN.test(campaignId)) throw new TypeError('campaignId is not an id');
  const payloadPart = Buffer.from(JSON.stringify({ k: kind, c: contactId, m: campaignId }), 'utf8').toString('base64url');
  return `${payloadPart}.${mac(payloadPart, key).toString('base64url')}`;
}

/** The claims of a token of `kind` signed with `key`, or null for anything else. Never throws on bad input. */
function verify(kind: 'u' | 'r', token: unknown, key: MarketingTokenKey): { contactId: string; campaignId: string } | null {
  if (typeof token !== 'string' || token.length > MAX_TOKEN_LENGTH) return null;
  const dot = token.indexOf('.');
  if (dot <= 0 || dot !== token.lastIndexOf('.')) return null;
  const payloadPart = token.slice(0, dot);
  const given = Buffer.from(token.slice(dot + 1), 'base64url');
  // Buffer.from(…, 'base64url') skips junk characters: compare on the canonical re-encoding too.
  if (given.length !== MAC_BYTES || given.toString('base64url') !== token.slice(dot + 1)) return null;
  if (!timingSafeEqual(given, mac(payloadPart, key))) return null;
  let payload: unknown;
  try {
    payload = JSON.parse(Buffer.from(payloadPart, 'base64url').toString('utf8'));
  } catch {
    return null;
  }
  const p = payload as { k?: unknown; c?: unknown; m?: unknown };
  if (p.k !== kind || typeof p.c !== 'string' || typeof p.m !== 'string') return null;
  if (!ID_PATTERN.test(p.c) || !ID_PATTERN.test(p.m)) return null;
  return { contactId: p.c, campaignId: p.m };
}

export async function signUnsubscribeToken(claims: UnsubscribeClaims, key?: MarketingTokenKey): Promise<string> {
  return sign('u', claims.contactId, claims.campaignId, key ?? currentMarketingTokenKey());
}

export async function verifyUnsubscribeToken(token: unknown, key?: MarketingTokenKey): Promise<UnsubscribeClaims | null> {
  return verify('u', token, key ?? currentMarketingTokenKey());
}

export async function signRecipientToken(claims: RecipientClaims, key?: MarketingTokenKey): Promise<string> {
  return sign('r', claims.contactId, claims.campaignId, key ?? currentMarketingTokenKey());
}

export async function verifyRecipientToken(token: unknown, key?: MarketingTokenKey): Promise<RecipientClaims | null> {
  const claims = await verify('r', token, key ?? currentMarketingTokenKey());
  return claims && { campaignId: claims.campaignId, contactId: claims.contactId };
}

/** Where links point: PUBLIC_BASE_URL (deployed: the API's URL; local: the local API URL), without a trailing slash. */
export function publicBaseUrl(env: NodeJS.ProcessEnv = process.env): string {
  const base = env.PUBLIC_BASE_URL;
  if (!base) throw new Error('PUBLIC_BASE_URL is not set');
  return base.replace(/\/+$/, '');
}

/** The HTTPS one-click endpoint for `List-Unsubscribe` and the visible link (GET shows a page, POST unsubscribes). */
export function unsubscribeUrl(token: string, env: NodeJS.ProcessEnv = process.env): string {
  return `${publicBaseUrl(env)}/v1/unsubscribe/${encodeURIComponent(token)}`;
}

/** `url` with `rt=<recipient token>` added, for links in campaign bodies (attribution of later orders). */
export function withRecipientToken(url: string, recipientToken: string): string {
  let u: URL;
  try {
    u = new URL(url);
  } catch {
    return url; // not an absolute URL (a placeholder): left as written
  }
  // Only web links lead to the shop; mailto: and the like stay as written.
  if (u.protocol !== 'https:' && u.protocol !== 'http:') return url;
  u.searchParams.set('rt', recipientToken);
  return u.toString();
}
