import type { EventData } from '#events/catalog.ts';
import { consumers } from '#events/routing.ts';
import { sendOnce } from '#packages/core/bus/send-once.ts';
import { db } from '#packages/core/db/service.ts';
import { escapeHtml as e } from '#packages/mail/html-escape.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { speakerLinkUrl, speakerToken } from './speaker-token.ts';

const SCOPE = consumers.mailSpeakerInvitation.idempotencyScope;

/**
 * The consumer of `speaker.invited`: the invitation, once per speaker of an
 * event ever. The claim is keyed by event and speaker, not by the delivery, so
 * a duplicated or redelivered event — or a second invite — sends nothing
 * (sendOnce).
 */
export async function mailSpeakerInvitation(invited: EventData<'speaker.invited'>): Promise<'sent' | 'already_sent' | 'skipped'> {
  return sendOnce(SCOPE, `${invited.eventId}#${invited.speakerId}`, async () => {
    const ref = { eventId: invited.eventId, speakerId: invited.speakerId };
    const [{ data: event }, { data: speaker }] = await Promise.all([db().entities.event.get({ eventId: invited.eventId }).go(), db().entities.speaker.get(ref).go()]);
    if (!event || !speaker) return 'skipped';
    const linkUrl = speakerLinkUrl(speakerToken(ref, event.endsAt));
    const subject = `You are invited to speak at ${event.name}`;
    const text = `Hello ${speaker.name},\n\nyou are invited to speak at ${event.name}. Confirm and complete your speaker profile here:\n${linkUrl}\n`;
    const html = `<p>Hello ${e(speaker.name)},</p><p>you are invited to speak at <strong>${e(event.name)}</strong>.</p><p><a href="${e(linkUrl)}">Confirm and complete your speaker profile</a></p>`;
    await sendEmail({ to: speaker.email, subject, text, html });
    return 'sent';
  });
}
