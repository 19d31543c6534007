import { DomainError, notFound } from '#packages/core/errors.ts';
import { signLinkToken, verifyLinkToken } from '#packages/core/signed-token.ts';
import type { TicketSigningKey } from '#packages/tickets/signing-key.ts';

/** The speaker's own link (mailed with the invitation): bound to one speaker of one event, valid until 30 days after it. */
const KIND = 'speaker';
const AFTER_EVENT_MS = 30 * 24 * 3600 * 1000;

export interface SpeakerRef {
  eventId: string;
  speakerId: string;
}

export function speakerLinkExpiry(eventEndsAt: string): Date {
  return new Date(Date.parse(eventEndsAt) + AFTER_EVENT_MS);
}

export function speakerToken(ref: SpeakerRef, eventEndsAt: string, key?: TicketSigningKey): string {
  return signLinkToken(KIND, { e: ref.eventId, s: ref.speakerId }, speakerLinkExpiry(eventEndsAt), key);
}

export function speakerOfToken(token: string, now = new Date()): SpeakerRef {
  const checked = verifyLinkToken<{ e: string; s: string }>(KIND, token, now);
  if (!checked.ok) {
    if (checked.reason === 'expired') throw new DomainError('unprocessable', 'link_expired', 'This link has expired');
    throw notFound('Link', 'token');
  }
  return { eventId: checked.claims.e, speakerId: checked.claims.s };
}

export function speakerLinkUrl(token: string, base = process.env.PUBLIC_BASE_URL ?? ''): string {
  return `${base.replace(/\/+$/, '')}/v1/speaker-links/${encodeURIComponent(token)}`;
}
