import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { escapeHtml as e } from '#packages/mail/html-escape.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';

const SCOPE = 'speaker-invitation';
const CLAIM_TTL_SECONDS = 400 * 24 * 3600;

interface Invitation {
  eventId: string;
  eventName: string;
  speakerId: string;
  email: string;
  name: string;
  linkUrl: string;
}

/**
 * The invitation, once per speaker of an event ever: the claim is written
 * before sending (a retried invite finds it), dropped if SES refuses so the
 * retry sends.
 */
export async function mailSpeakerInvitation(inv: Invitation): Promise<'sent' | 'already_sent'> {
  const claim = { consumer: SCOPE, eventId: `${inv.eventId}#${inv.speakerId}` };
  try {
    await db().entities.processedEvent.create({ ...claim, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + CLAIM_TTL_SECONDS }).go();
  } catch (error) {
    if (isConditionFailure(error)) return 'already_sent';
    throw error;
  }
  try {
    const subject = `You are invited to speak at ${inv.eventName}`;
    const text = `Hello ${inv.name},\n\nyou are invited to speak at ${inv.eventName}. Confirm and complete your speaker profile here:\n${inv.linkUrl}\n`;
    const html = `<p>Hello ${e(inv.name)},</p><p>you are invited to speak at <strong>${e(inv.eventName)}</strong>.</p><p><a href="${e(inv.linkUrl)}">Confirm and complete your speaker profile</a></p>`;
    await sendEmail({ to: inv.email, subject, text, html });
    return 'sent';
  } catch (error) {
    await db().entities.processedEvent.delete(claim).go();
    throw error;
  }
}
