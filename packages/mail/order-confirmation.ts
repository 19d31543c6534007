import { ticketQrPng } from '#packages/tickets/qr.ts';
import { formatMoney, formatUtcDateTime, type Money } from './format.ts';
import { escapeHtml as e } from './html-escape.ts';
import type { MailAttachment, RenderedMail } from './mail-message.ts';

export interface OrderConfirmationInput {
  buyer: { email: string; firstName?: string };
  order: { id: string; total: Money };
  event: { name: string; startsAt: string | Date; venueName?: string };
  tickets: ReadonlyArray<{ id: string; ticketTypeName: string; code: string }>;
  /** The buyer's signed link to name each ticket's attendee (conferences); each attendee is then mailed their ticket. */
  attendeeFormUrl?: string;
  /** Set when mailing one ticket to its named attendee rather than the order to its buyer. */
  forAttendee?: boolean;
}

/**
 * The "your tickets" email: one QR per ticket with its code printed beneath, for
 * a scanner that cannot read a damaged QR. QR images are PNG attachments referenced
 * by `cid:` (SVG is not rendered by most mail clients); the mailer decides how they
 * travel. Content ids are positional so no caller data ends up in MIME headers.
 */
export async function renderOrderConfirmation(input: OrderConfirmationInput): Promise<RenderedMail> {
  const { buyer, order, event, tickets } = input;
  const total = formatMoney(order.total);
  const startsAt = formatUtcDateTime(event.startsAt);
  const startsAtIso = new Date(event.startsAt).toISOString();
  const greeting = buyer.firstName?.trim() ? `Hi ${buyer.firstName.trim()},` : 'Hello,';
  const where = event.venueName ? `${startsAt}, ${event.venueName}` : startsAt;

  const attachments: MailAttachment[] = await Promise.all(
    tickets.map(async (t, i) => ({
      filename: `ticket-${i + 1}.png`,
      contentType: 'image/png',
      content: await ticketQrPng(t.code),
      contentId: `ticket-${i + 1}-qr@eventos`,
    })),
  );

  const ticketBlocks = tickets
    .map(
      (t, i) => `<tr><td style="padding:16px 0;border-top:1px solid #ddd;text-align:center">
<p style="margin:0 0 8px;font-weight:bold">${e(t.ticketTypeName)} (${i + 1} of ${tickets.length})</p>
<img src="cid:${e(attachments[i]!.contentId!)}" width="240" height="240" alt="QR code for ticket ${i + 1}" style="display:block;margin:0 auto">
<p style="margin:8px 0 0;font-family:monospace;font-size:11px;word-break:break-all">${e(t.code)}</p>
</td></tr>`,
    )
    .join('\n');

  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Your tickets for ${e(event.name)}</title></head>
<body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;padding:16px">
<tr><td>
<p>${e(greeting)}</p>
<p>${input.forAttendee ? 'Your ticket' : 'Thank you for your order. Your tickets'} for <strong>${e(event.name)}</strong> ${input.forAttendee ? 'is' : 'are'} below.</p>
<p><time datetime="${e(startsAtIso)}">${e(where)}</time></p>
${input.forAttendee ? '' : `<p>Order ${e(order.id)} &middot; Total ${e(total)}</p>`}
${input.attendeeFormUrl ? `<p>Who is coming? <a href="${e(input.attendeeFormUrl)}">Name the attendee of each ticket</a>; each of them receives their own ticket.</p>` : ''}
<p>Show the QR code at the entrance, on screen or printed. Each code admits one person once.</p>
</td></tr>
${ticketBlocks}
</table>
</body></html>`;

  const text = [
    greeting,
    '',
    input.forAttendee ? `Your ticket for ${event.name}:` : `Thank you for your order. Your tickets for ${event.name}:`,
    where,
    ...(input.forAttendee ? [] : [`Order ${order.id} - Total ${total}`]),
    ...(input.attendeeFormUrl ? [`Name the attendee of each ticket: ${input.attendeeFormUrl}`] : []),
    '',
    ...tickets.flatMap((t, i) => [`Ticket ${i + 1} of ${tickets.length}: ${t.ticketTypeName}`, `Code: ${t.code}`, '']),
    'Show the QR code at the entrance, on screen or printed. Each code admits one person once.',
  ].join('\n');

  return { subject: input.forAttendee ? `Your ticket for ${event.name}` : `Your tickets for ${event.name}`, html, text, attachments };
}
