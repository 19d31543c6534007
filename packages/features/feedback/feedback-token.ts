import { DomainError, notFound } from '#packages/core/errors.ts';
import { signLinkToken, verifyLinkToken } from '#packages/core/signed-token.ts';
import type { TicketSigningKey } from '#packages/tickets/signing-key.ts';

/** A feedback link: bound to one attendee (ticket), one target (a session's id or `event`) and an expiry. */
const KIND = 'feedback';

export interface FeedbackClaims {
  ticketId: string;
  eventId: string;
  target: string;
}

export function feedbackToken(c: FeedbackClaims, expiresAt: Date, key?: TicketSigningKey): string {
  return signLinkToken(KIND, { t: c.ticketId, e: c.eventId, g: c.target }, expiresAt, key);
}

export function claimsOfFeedbackToken(token: string, now = new Date()): FeedbackClaims {
  const checked = verifyLinkToken<{ t: string; e: string; g: string }>(KIND, token, now);
  if (!checked.ok) {
    if (checked.reason === 'expired') throw new DomainError('unprocessable', 'link_expired', 'This feedback link has expired');
    throw notFound('Link', 'token');
  }
  return { ticketId: checked.claims.t, eventId: checked.claims.e, target: checked.claims.g };
}
