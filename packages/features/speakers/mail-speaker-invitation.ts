import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { escapeHtml as e } from '#packages/mail/html-escape.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { speakerLinkUrl, speakerToken } from './speaker-token.ts';

const SCOPE = consumers.mailSpeakerInvitation.idempotencyScope;
const CLAIM_TTL_SECONDS = 400 * 24 * 3600;

/**
 * The consumer of `speaker.invited`: the invitation, once per speaker of an
 * event ever. The claim (keyed by event and speaker, not by the delivery) is
 * written before sending, so a duplicated or redelivered event — or a second
 * invite — finds it and sends nothing; if SES refuses, the claim is dropped and
 * the error thrown, so the bus delivers again and the retry sends. Only a crash
 * between SES accepting and this returning could leave a claim without a mail
 * — never two mails.
 */
export async function mailSpeakerInvitation(invited: EventData<'speaker.invited'>): Promise<'sent' | 'already_sent' | 'skipped'> {
  const claim = { consumer: SCOPE, eventId: `${invited.eventId}#${invited.speakerId}` };
  try {
    await db().entities.processedEvent.create({ ...claim, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS }).go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already_sent';
    throw error;
  }
  try {
    const ref = { eventId: invited.eventId, speakerId: invited.speakerId };
    const [{ data: event }, { data: speaker }] = await Promise.all([db().entities.event.get({ eventId: invited.eventId }).go(), db().entities.speaker.get(ref).go()]);
    if (!event || !speaker) return 'skipped';
    const linkUrl = speakerLinkUrl(speakerToken(ref, event.endsAt));
    const subject = `You are invited to speak at ${event.name}`;
    const text = `Hello ${speaker.name},\n\nyou are invited to speak at ${event.name}. Confirm and complete your speaker profile here:\n${linkUrl}\n`;
    const html = `<p>Hello ${e(speaker.name)},</p><p>you are invited to speak at <strong>${e(event.name)}</strong>.</p><p><a href="${e(linkUrl)}">Confirm and complete your speaker profile</a></p>`;
    await sendEmail({ to: speaker.email, subject, text, html });
    return 'sent';
  } catch (error) {
    await db().entities.processedEvent.delete(claim).go();
    throw error;
  }
}
