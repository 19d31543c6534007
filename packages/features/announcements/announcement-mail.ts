import type { SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { escapeHtml as e } from '#packages/mail/html-escape.ts';
import { buildSendEmailInput } from '#packages/mail/ses-mailer.ts';
import type { AnnouncementItem } from './announcement-store.ts';
import type { Recipient } from './audience.ts';

/** The SendEmail request of one announcement to one recipient; the body's paragraphs kept, nothing of it read as HTML. */
export function announcementEmailInput(a: AnnouncementItem, eventName: string, to: Recipient): SendEmailCommandInput {
  const greeting = to.name ? `Hello ${to.name},` : 'Hello,';
  const paragraphs = a.body.split(/\n{2,}/).map((p) => `<p>${e(p).replace(/\n/g, '<br>')}</p>`);
  return buildSendEmailInput({
    to: to.email,
    subject: `${eventName}: ${a.subject}`,
    text: `${greeting}\n\n${a.body}\n\n— ${eventName}\n`,
    html: `<p>${e(greeting)}</p>${paragraphs.join('')}<p>— ${e(eventName)}</p>`,
    headers: { 'X-EventOS-Announcement': a.announcementId },
  });
}
