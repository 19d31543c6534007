import { describe, expect, it } from 'vitest';
import { campaignSendEmailInput, renderCampaignMessage, tagHtmlLinks, tagTextLinks, unsubscribeHeaders } from '#packages/features/campaigns/message.ts';
import { knownPlaceholders, renderPart, unknownPlaceholders } from '#packages/features/campaigns/template.ts';

const URL_UNSUB = 'https://api.example.com/v1/unsubscribe/tok.en';

const base = {
  campaignId: '01JD0000000000000000000040',
  contactId: '01JD0000000000000000000003',
  to: 'ana@example.com',
  template: {
    subject: 'Hi {{ firstName }}',
    html: '<html><body><p>Hi {{firstName}} {{lastName}}</p><a href="https://shop.example.com/t?a=1&amp;b=2">Buy</a> <a href="mailto:x@y.z">Mail</a></body></html>',
    text: 'Hi {{firstName}} {{lastName}}\nBuy: https://shop.example.com/t?a=1&b=2',
  },
  data: { firstName: 'Ana', email: 'ana@example.com' },
  unsubscribeUrl: URL_UNSUB,
  unsubscribeToken: 'tok.en',
  recipientToken: 'rec.tok',
};

describe('campaign placeholders', () => {
  it('lists each unknown placeholder once; event fields only with an event', () => {
    const parts = { subject: '{{first_name}} {{ firstName }}', html: '{{event.name}} {{nope}} {{nope}}', text: '{{email}}' };
    expect(unknownPlaceholders(parts, false)).toEqual(['first_name', 'event.name', 'nope']);
    expect(unknownPlaceholders(parts, true)).toEqual(['first_name', 'nope']);
    expect(knownPlaceholders(false)).not.toContain('event.startsAt');
  });

  it('renders a missing field as nothing, escaped in HTML only', () => {
    expect(renderPart('Hi {{firstName}}!', {}, 'text')).toBe('Hi !');
    expect(renderPart('Hi {{firstName}}', { firstName: '<b>Ana & "Co"</b>' }, 'html')).toBe('Hi &lt;b&gt;Ana &amp; &quot;Co&quot;&lt;/b&gt;');
    expect(renderPart('Hi {{firstName}}', { firstName: '<b>Ana</b>' }, 'text')).toBe('Hi <b>Ana</b>');
    expect(renderPart('{{event.startsAt}}', { event: { startsAt: '2026-12-31T21:00:00.000Z' } }, 'text')).toMatch(/2026.*UTC$/);
  });
});

describe('campaign message', () => {
  it('carries RFC 8058 one-click headers: HTTPS first, then mailto with the token', () => {
    expect(unsubscribeHeaders(URL_UNSUB, 'tok.en', { MAIL_FROM: 'news@acme.example' })).toEqual({
      'List-Unsubscribe': `<${URL_UNSUB}>, <mailto:unsubscribe@acme.example?subject=unsubscribe-tok.en>`,
      'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
    });
  });

  it('adds rt= to http(s) links, keeping entities and leaving mailto and the unsubscribe link alone', () => {
    const html = tagHtmlLinks(`<a href="https://s.example/t?a=1&amp;b=2">x</a><a href="mailto:a@b.c">m</a><a href="${URL_UNSUB}">u</a>`, 'R', URL_UNSUB);
    expect(html).toBe(`<a href="https://s.example/t?a=1&amp;b=2&amp;rt=R">x</a><a href="mailto:a@b.c">m</a><a href="${URL_UNSUB}">u</a>`);
    expect(tagTextLinks(`go https://s.example/x. or ${URL_UNSUB}`, 'R', URL_UNSUB)).toBe(`go https://s.example/x?rt=R. or ${URL_UNSUB}`);
  });

  it('personalizes, appends a visible unsubscribe link to both bodies, and tags the SES request', () => {
    const mail = renderCampaignMessage(base);
    expect(mail.subject).toBe('Hi Ana');
    expect(mail.html).toContain('<p>Hi Ana </p>');
    expect(mail.html).toContain('href="https://shop.example.com/t?a=1&amp;b=2&amp;rt=rec.tok"');
    expect(mail.html).toMatch(new RegExp(`<a href="${URL_UNSUB}">Unsubscribe</a></p>\\n</body>`));
    expect(mail.text).toContain('https://shop.example.com/t?a=1&b=2&rt=rec.tok');
    expect(mail.text).toContain(`Unsubscribe: ${URL_UNSUB}`);
    const input = campaignSendEmailInput(base);
    expect(input.EmailTags).toEqual([
      { Name: 'campaignId', Value: base.campaignId },
      { Name: 'contactId', Value: base.contactId },
    ]);
    expect(input.Content?.Simple?.Headers?.map((h) => h.Name)).toEqual(['List-Unsubscribe', 'List-Unsubscribe-Post']);
  });

  it('puts the link where the author placed {{unsubscribeUrl}} instead of a footer', () => {
    const mail = renderCampaignMessage({
      ...base,
      template: { subject: 's', html: '<p><a href="{{unsubscribeUrl}}">Leave</a></p>', text: 'Leave: {{unsubscribeUrl}}' },
    });
    expect(mail.html).toBe(`<p><a href="${URL_UNSUB}">Leave</a></p>`);
    expect(mail.text).toBe(`Leave: ${URL_UNSUB}`);
  });
});
