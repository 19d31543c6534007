// Through the real SES v2 emulator the test setup starts (AWS_ENDPOINT_URL_SESV2 points at it).
import { createRequire } from 'node:module';
import jsQR from 'jsqr';
import { ulid } from 'ulid';
import { afterEach, describe, expect, inject, it } from 'vitest';
import { renderOrderConfirmation, type OrderConfirmationInput } from '#packages/mail/order-confirmation.ts';
import { sendEmail } from '#packages/mail/ses-mailer.ts';
import { signTicketCode, verifyTicketCode } from '#packages/tickets/ticket-code.ts';

const { PNG } = createRequire(import.meta.url)('pngjs') as {
  PNG: { sync: { read(png: Buffer): { width: number; height: number; data: Buffer } } };
};

/** The emulator's captured mail, as its GET /store returns it (dist/v2/sendEmail.js). */
interface StoredEmail {
  messageId: string;
  from: string;
  destination: { to: string[]; cc: string[]; bcc: string[] };
  subject: string;
  body: { html?: string; text?: string };
  attachments: Array<{ content: string; contentType: string; contentDisposition?: string; contentId?: string; filename?: string }>;
  headers?: Array<{ name: string; value: string }>;
}

async function storedEmail(messageId: string): Promise<StoredEmail> {
  const response = await fetch(`${inject('sesEndpoint')}/store`);
  expect(response.status).toBe(200);
  const { emails } = (await response.json()) as { emails: StoredEmail[] };
  // The emulator is shared by every test file: find ours by id.
  const email = emails.find((e) => e.messageId === messageId);
  expect(email).toBeDefined();
  return email!;
}

function scan(png: Buffer): string | undefined {
  const image = PNG.sync.read(png);
  return jsQR(new Uint8ClampedArray(image.data), image.width, image.height)?.data;
}

const key = 'integration-ticket-signing-key-0123456789';
const eventId = ulid();
const ticketIds = [ulid(), ulid(), ulid()];
const confirmation: OrderConfirmationInput = {
  buyer: { email: 'buyer@example.com', firstName: '<script>alert(1)</script>' },
  order: { id: ulid(), total: { amount: 7500, currency: 'EUR' } },
  event: { name: 'Harbour Jazz Night', startsAt: '2025-09-20T18:00:00Z', venueName: 'Pier 4' },
  tickets: ticketIds.map((id, i) => ({ id, ticketTypeName: i === 0 ? 'VIP' : 'Standing', code: signTicketCode({ ticketId: id, eventId }, key) })),
};

const savedMode = process.env.MAIL_INLINE_IMAGES;
afterEach(() => {
  if (savedMode === undefined) delete process.env.MAIL_INLINE_IMAGES;
  else process.env.MAIL_INLINE_IMAGES = savedMode;
});

describe('order confirmation through the SES emulator', () => {
  it('arrives with subject, recipient, every ticket code, and QR images the local viewer can show', async () => {
    const mail = await renderOrderConfirmation(confirmation);
    const messageId = await sendEmail({ to: confirmation.buyer.email, ...mail, headers: { 'X-EventOS-Order': confirmation.order.id } });

    const stored = await storedEmail(messageId);
    expect(stored.subject).toBe('Your tickets for Harbour Jazz Night');
    expect(stored.destination.to).toEqual(['buyer@example.com']);
    expect(stored.from).toBe('tickets@eventos.local');
    expect(stored.headers).toEqual([{ name: 'X-EventOS-Order', value: confirmation.order.id }]);
    const html = stored.body.html!;
    expect(html).not.toContain('<script>');
    expect(html).toContain('Total €75.00');
    for (const ticket of confirmation.tickets) {
      expect(html).toContain(ticket.code);
      expect(stored.body.text).toContain(ticket.code);
    }

    // Locally the images travel as data URIs (the viewer cannot resolve cid:); each scans to its ticket's code.
    expect(html).not.toContain('cid:');
    expect(stored.attachments).toEqual([]);
    const images = [...html.matchAll(/src="data:image\/png;base64,([^"]+)"/g)].map((m) => scan(Buffer.from(m[1]!, 'base64')));
    expect(images).toEqual(confirmation.tickets.map((t) => t.code));
    for (const [i, code] of images.entries()) expect(verifyTicketCode(code, key)).toEqual({ ticketId: ticketIds[i], eventId });
  });

  it('carries the QR images as inline CID attachments in the deployed mode', async () => {
    process.env.MAIL_INLINE_IMAGES = 'cid';
    const mail = await renderOrderConfirmation(confirmation);
    const stored = await storedEmail(await sendEmail({ to: [confirmation.buyer.email], ...mail }));

    expect(stored.attachments).toHaveLength(confirmation.tickets.length);
    for (const [i, attachment] of stored.attachments.entries()) {
      expect(attachment).toMatchObject({ contentType: 'image/png', contentDisposition: 'INLINE', filename: `ticket-${i + 1}.png` });
      expect(stored.body.html).toContain(`src="cid:${attachment.contentId}"`);
      expect(scan(Buffer.from(attachment.content, 'base64'))).toBe(confirmation.tickets[i]!.code);
    }
  });
});
