import { formatMoney, formatUtcDateTime, type Money } from './format.ts';
import { escapeHtml as e } from './html-escape.ts';
import type { RenderedMail } from './mail-message.ts';

export interface EventCancellationMailInput {
  buyer: { email: string; firstName?: string | undefined };
  order: { id: string; total: Money };
  event: { name: string; startsAt: string };
  /** `refunded`: the money is on its way back; `failed`: it could not be refunded automatically. */
  refund: 'refunded' | 'failed';
}

/** "Your event was canceled": what happens to the tickets and to the money. No links, no images. */
export function renderEventCancellation(input: EventCancellationMailInput): RenderedMail {
  const { buyer, order, event, refund } = input;
  const greeting = buyer.firstName?.trim() ? `Hi ${buyer.firstName.trim()},` : 'Hello,';
  const when = formatUtcDateTime(event.startsAt);
  const money =
    order.total.amount === 0
      ? 'Your order was free, so there is nothing to refund.'
      : refund === 'refunded'
        ? `Your payment of ${formatMoney(order.total)} has been refunded to the card you paid with. Banks usually show it within 5–10 days.`
        : `We could not refund your payment of ${formatMoney(order.total)} automatically. Our team will contact you to refund it.`;
  const lines = [
    greeting,
    '',
    `We are sorry: ${event.name} (${when}) has been canceled.`,
    'Your tickets are no longer valid.',
    money,
    '',
    `Order ${order.id}`,
  ];
  const html = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Canceled: ${e(event.name)}</title></head>
<body style="margin:0;padding:0;font-family:Arial,Helvetica,sans-serif;color:#222">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="max-width:560px;margin:0 auto;padding:16px">
<tr><td>
<p>${e(greeting)}</p>
<p>We are sorry: <strong>${e(event.name)}</strong> (${e(when)}) has been canceled.</p>
<p>Your tickets are no longer valid.</p>
<p>${e(money)}</p>
<p>Order ${e(order.id)}</p>
</td></tr>
</table>
</body></html>`;
  return { subject: `Canceled: ${event.name}`, html, text: lines.join('\n') };
}
