// Pure rendering and request-mapping tests: no SES involved (mail.test.ts covers the emulator).
import { describe, expect, it } from 'vitest';
import { formatMoney, formatUtcDateTime } from '#packages/mail/format.ts';
import { inlineCidImages } from '#packages/mail/inline-images.ts';
import { renderOrderConfirmation, type OrderConfirmationInput } from '#packages/mail/order-confirmation.ts';
import { buildSendEmailInput, inlineImageMode, type OutgoingMail } from '#packages/mail/ses-mailer.ts';

const input: OrderConfirmationInput = {
  buyer: { email: 'ada@example.com', firstName: 'Ada' },
  order: { id: '01JZ3F9B1C2D3E4F5G6H7J8K9M', total: { amount: 2500, currency: 'EUR' } },
  event: { name: 'Summer Nights', startsAt: '2025-06-14T19:30:00.000Z', venueName: 'Harbour Hall' },
  tickets: [
    { id: '01JZ3F8Q6VQ2K7N4M9T5W1X0YB', ticketTypeName: 'General admission', code: 'EO1.CODE-ONE' },
    { id: '01JZ3F8Q6VQ2K7N4M9T5W1X0YC', ticketTypeName: 'VIP', code: 'EO1.CODE-TWO' },
  ],
};

describe('order confirmation email', () => {
  it('escapes every interpolated value', async () => {
    const hostile = '<script>alert("x")</script>';
    const mail = await renderOrderConfirmation({
      ...input,
      buyer: { email: 'a@example.com', firstName: hostile },
      event: { ...input.event, name: `${hostile}&`, venueName: `<b onmouseover='x'>` },
      tickets: [{ id: 't', ticketTypeName: '<img src=x onerror=alert(1)>', code: 'EO1."><script>' }],
    });
    expect(mail.html).not.toContain('<script>');
    expect(mail.html).not.toContain('<b onmouseover');
    expect(mail.html).not.toContain('<img src=x');
    expect(mail.html).toContain('Hi &lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;,');
    expect(mail.html).toContain('&lt;b onmouseover=&#39;x&#39;&gt;');
    expect(mail.html).toContain('EO1.&quot;&gt;&lt;script&gt;');
    // Plain text is not HTML: it carries the values as they are.
    expect(mail.text).toContain(`Hi ${hostile},`);
  });

  it('formats money from minor units in the currency of the order', async () => {
    expect((await renderOrderConfirmation(input)).html).toContain('Total €25.00');
    const yen = await renderOrderConfirmation({ ...input, order: { ...input.order, total: { amount: 2500, currency: 'JPY' } } });
    expect(yen.html).toContain('Total ¥2,500');
    expect(yen.text).toContain('Total ¥2,500');
  });

  it('states the start time in UTC and keeps the exact instant machine-readable', async () => {
    const mail = await renderOrderConfirmation(input);
    expect(mail.html).toContain('<time datetime="2025-06-14T19:30:00.000Z">Saturday, June 14, 2025 at 7:30 PM UTC, Harbour Hall</time>');
    expect(mail.subject).toBe('Your tickets for Summer Nights');
  });

  it('shows one QR per ticket, by content id, with its code printed beneath', async () => {
    const mail = await renderOrderConfirmation(input);
    expect(mail.attachments).toHaveLength(2);
    for (const [i, ticket] of input.tickets.entries()) {
      const image = mail.attachments![i]!;
      expect(image).toMatchObject({ contentType: 'image/png', filename: `ticket-${i + 1}.png`, contentId: `ticket-${i + 1}-qr@eventos` });
      expect(Buffer.from(image.content).subarray(1, 4).toString('ascii')).toBe('PNG');
      const at = mail.html.indexOf(`src="cid:${image.contentId}"`);
      expect(at).toBeGreaterThan(-1);
      expect(mail.html.indexOf(ticket.code, at)).toBeGreaterThan(at);
      expect(mail.text).toContain(`Code: ${ticket.code}`);
    }
  });

  it('greets without a name when there is none', async () => {
    const mail = await renderOrderConfirmation({ ...input, buyer: { email: 'a@example.com', firstName: '  ' } });
    expect(mail.html).toContain('<p>Hello,</p>');
  });
});

describe('money and time formatting', () => {
  it('uses the minor digits of each currency', () => {
    expect(formatMoney({ amount: 2500, currency: 'EUR' })).toBe('€25.00');
    expect(formatMoney({ amount: 2500, currency: 'JPY' })).toBe('¥2,500');
    // ICU puts a no-break space after the code.
    expect(formatMoney({ amount: 1234, currency: 'KWD' })).toMatch(/^KWD\s1\.234$/);
    expect(formatMoney({ amount: -5, currency: 'USD' })).toBe('-$0.05');
    expect(formatMoney({ amount: 123456789012345, currency: 'EUR' })).toBe('€1,234,567,890,123.45');
  });

  it('refuses amounts that are not integer minor units, and bad dates', () => {
    expect(() => formatMoney({ amount: 25.5, currency: 'EUR' })).toThrow(RangeError);
    expect(() => formatUtcDateTime('not a date')).toThrow(RangeError);
  });
});

describe('SES request', () => {
  const png = new Uint8Array([0x89, 0x50, 0x4e, 0x47]);
  const mail: OutgoingMail = {
    to: 'ada@example.com',
    subject: 'Tickets\r\nBcc: victim@example.com',
    html: '<img src="cid:qr-1@eventos"><img src="cid:unknown">',
    text: 'text',
    attachments: [
      { filename: 'qr.png', contentType: 'image/png', content: png, contentId: 'qr-1@eventos' },
      { filename: 'terms.pdf', contentType: 'application/pdf', content: new Uint8Array([1]) },
    ],
    headers: { 'X-EventOS-Order': 'o1' },
  };

  it('picks data URIs for the local emulator and CID attachments otherwise', () => {
    expect(inlineImageMode({})).toBe('cid');
    expect(inlineImageMode({ AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:8005' })).toBe('data-uri');
    expect(inlineImageMode({ AWS_ENDPOINT_URL_SESV2: 'http://127.0.0.1:8005', MAIL_INLINE_IMAGES: 'cid' })).toBe('cid');
    expect(() => inlineImageMode({ MAIL_INLINE_IMAGES: 'both' })).toThrow(/MAIL_INLINE_IMAGES/);
  });

  it('sends inline CID attachments when deployed', () => {
    const request = buildSendEmailInput(mail, { SES_CONFIGURATION_SET: 'tenant-a-events' });
    expect(request.FromEmailAddress).toBe('tickets@eventos.local');
    expect(request.ConfigurationSetName).toBe('tenant-a-events');
    expect(request.Destination).toEqual({ ToAddresses: ['ada@example.com'] });
    const simple = request.Content!.Simple!;
    expect(simple.Subject!.Data).toBe('Tickets Bcc: victim@example.com');
    expect(simple.Body!.Html!.Data).toBe(mail.html);
    expect(simple.Headers).toEqual([{ Name: 'X-EventOS-Order', Value: 'o1' }]);
    expect(simple.Attachments).toEqual([
      { FileName: 'qr.png', ContentType: 'image/png', RawContent: png, ContentDisposition: 'INLINE', ContentId: 'qr-1@eventos' },
      { FileName: 'terms.pdf', ContentType: 'application/pdf', RawContent: new Uint8Array([1]), ContentDisposition: 'ATTACHMENT' },
    ]);
  });

  it('inlines referenced images as data URIs for the local viewer, keeping other attachments', () => {
    const request = buildSendEmailInput(mail, { MAIL_INLINE_IMAGES: 'data-uri', MAIL_FROM: 'box-office@example.org' });
    expect(request.FromEmailAddress).toBe('box-office@example.org');
    expect(request.ConfigurationSetName).toBeUndefined();
    const simple = request.Content!.Simple!;
    expect(simple.Body!.Html!.Data).toBe(`<img src="data:image/png;base64,${Buffer.from(png).toString('base64')}"><img src="cid:unknown">`);
    expect(simple.Attachments?.map((a) => a.FileName)).toEqual(['terms.pdf']);
  });

  it('refuses header values that would add headers of their own', () => {
    expect(() => buildSendEmailInput({ ...mail, headers: { 'X-Ref': 'a\r\nBcc: b@example.com' } }, {})).toThrow(/line breaks/);
    expect(() => buildSendEmailInput({ ...mail, to: [] }, {})).toThrow(/recipient/);
  });

  it('leaves HTML without cid references untouched', () => {
    expect(inlineCidImages('<p>hi</p>', [])).toEqual({ html: '<p>hi</p>', attachments: [] });
  });
});
