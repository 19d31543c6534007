import { signLinkToken, verifyLinkToken } from '#packages/core/signed-token.ts';
import type { TicketSigningKey } from '#packages/tickets/signing-key.ts';
import { notFound, DomainError } from '#packages/core/errors.ts';

/** The buyer's link to name the attendees of an order; mailed with the confirmation. */
const KIND = 'attendee-form';
const LIFETIME_MS = 90 * 24 * 3600 * 1000;

export function attendeeFormToken(orderId: string, now = new Date(), key?: TicketSigningKey): string {
  return signLinkToken(KIND, { o: orderId }, new Date(now.getTime() + LIFETIME_MS), key);
}

export function orderOfAttendeeFormToken(token: string, now = new Date()): { orderId: string; expiresAt: string } {
  const checked = verifyLinkToken<{ o: string }>(KIND, token, now);
  if (!checked.ok) {
    if (checked.reason === 'expired') throw new DomainError('unprocessable', 'link_expired', 'This link has expired');
    throw notFound('Link', 'token');
  }
  return { orderId: checked.claims.o, expiresAt: checked.expiresAt };
}

export function attendeeFormUrl(token: string, base = process.env.PUBLIC_BASE_URL ?? ''): string {
  return `${base.replace(/\/+$/, '')}/v1/attendee-forms/${encodeURIComponent(token)}`;
}
