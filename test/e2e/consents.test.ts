import { describe, expect, it } from 'vitest';
import { mailFor } from '../support/campaign-fixtures.ts';
import { preferencesLink } from '#packages/features/consents/index.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();
let n = 0;
const mailbox = () => `consent-${Date.now()}-${n++}@consents.test`;

async function givenContact(body: Record<string, unknown> = {}) {
  const res = await api.call('POST', '/v1/contacts', { body: { email: mailbox(), firstName: 'Ana', ...body } });
  expect(res.status).toBe(201);
  return res.body as { id: string; email: string };
}

async function confirmationLink(address: string): Promise<string> {
  for (let i = 0; i < 100; i++) {
    const mail = (await mailFor(api.mailUrl, [address])).get(address) ?? [];
    const text = mail[0]?.body.text;
    const link = text?.match(/https?:\/\/\S+\/v1\/consents\/confirm\/\S+/)?.[0];
    if (link) return link;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no confirmation mail for ${address}`);
}

describe('consents', () => {
  it('lists the built-in purposes, and a PUT changes the wording (a new text hash)', async () => {
    const list = await api.call('GET', '/v1/consent-purposes');
    expect(list.status).toBe(200);
    const ids = list.body.items.map((p: { id: string }) => p.id);
    expect(ids).toEqual(expect.arrayContaining(['marketing_email', 'sms', 'exhibitor_sharing', 'photography']));
    const before = list.body.items.find((p: { id: string }) => p.id === 'photography');
    const put = await api.call('PUT', '/v1/consent-purposes/photography', {
      body: { name: 'Photos', text: 'You may photograph me at the venue.', channel: 'none' },
    });
    expect(put.status).toBe(200);
    expect(put.body.textHash).not.toBe(before.textHash);
    expect(put.body.textHash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('appends records with proof; the current state follows the newest; marketing_email moves the contact flag', async () => {
    const c = await givenContact();
    const granted = await api.call('POST', `/v1/contacts/${c.id}/consents`, {
      body: { purpose: 'marketing_email', state: 'granted', method: 'form', text: 'Send me news', subject: { ip: '203.0.113.9', userAgent: 'Firefox' } },
    });
    expect(granted.status).toBe(201);
    expect(granted.body).toMatchObject({ purpose: 'marketing_email', state: 'granted', legalBasis: 'consent', method: 'form', ip: '203.0.113.9', userAgent: 'Firefox' });
    expect(granted.body.textHash).toMatch(/^[0-9a-f]{64}$/);
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.marketingConsent).toBe(true);

    await api.call('POST', `/v1/contacts/${c.id}/consents`, { body: { purpose: 'marketing_email', state: 'withdrawn', method: 'admin' } });
    await api.call('POST', `/v1/contacts/${c.id}/consents`, { body: { purpose: 'sms', state: 'granted' } });
    const read = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    expect(read.body.records).toHaveLength(3);
    const current = Object.fromEntries(read.body.current.map((s: { purpose: string; state: string }) => [s.purpose, s.state]));
    expect(current).toEqual({ marketing_email: 'withdrawn', sms: 'granted' });
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.marketingConsent).toBe(false);
  });

  it('refuses an unknown purpose (404) and an unknown contact (404)', async () => {
    const c = await givenContact();
    expect((await api.call('POST', `/v1/contacts/${c.id}/consents`, { body: { purpose: 'no_such_purpose', state: 'granted' } })).status).toBe(404);
    expect((await api.call('POST', '/v1/contacts/01JD0000000000000000000000/consents', { body: { purpose: 'sms', state: 'granted' } })).status).toBe(404);
  });

  it('double opt-in: pending until the mailed link is confirmed; GET changes nothing; both proofs on the granted record; a second POST is a no-op', async () => {
    const c = await givenContact();
    const req = await api.call('POST', `/v1/contacts/${c.id}/consents/marketing_email/opt-in`, {
      body: { subject: { ip: '198.51.100.7', userAgent: 'Signup form' } },
    });
    expect(req.status).toBe(202);
    let state = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    expect(state.body.current).toEqual([expect.objectContaining({ purpose: 'marketing_email', state: 'pending' })]);
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.marketingConsent).toBeUndefined();

    const link = await confirmationLink(c.email);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<form method="post">');
    state = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    expect(state.body.current[0].state).toBe('pending');

    const confirm = await fetch(link, { method: 'POST', headers: { 'user-agent': 'Mail client browser' } });
    expect(await confirm.json()).toEqual({ status: 'confirmed' });
    state = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    expect(state.body.current[0].state).toBe('granted');
    const [pending, grantedRecord] = state.body.records;
    expect(grantedRecord).toMatchObject({
      state: 'granted',
      requestRecordId: pending.id,
      ip: '198.51.100.7',
      userAgent: 'Signup form',
      confirmedUserAgent: 'Mail client browser',
      textHash: pending.textHash,
    });
    expect(grantedRecord.confirmedIp).toEqual(expect.any(String));
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.marketingConsent).toBe(true);

    const again = await fetch(link, { method: 'POST' });
    expect(await again.json()).toEqual({ status: 'already_confirmed' });
    expect((await api.call('GET', `/v1/contacts/${c.id}/consents`)).body.records).toHaveLength(2);
  });

  it('a withdrawal after the request makes the link void; a forged link is a 404', async () => {
    const c = await givenContact();
    await api.call('POST', `/v1/contacts/${c.id}/consents/sms/opt-in`, { body: {} });
    const link = await confirmationLink(c.email);
    await api.call('POST', `/v1/contacts/${c.id}/consents`, { body: { purpose: 'sms', state: 'withdrawn', method: 'admin' } });
    const res = await fetch(link, { method: 'POST' });
    expect(res.status).toBe(404);
    const forged = await fetch(link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')), { method: 'POST' });
    expect(forged.status).toBe(404);
    const state = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    expect(state.body.current[0].state).toBe('withdrawn');
  });

  it('checkout: marketing consent only when the buyer ticked it, recorded with method checkout, the order and the request proof', async () => {
    const event = await givenPublishedEvent(api.call);
    const free = await givenTicketType(api.call, event.id, { price: { amount: 0, currency: 'EUR' } });
    const ticked = buyerEmail('ticked');
    const unticked = buyerEmail('unticked');
    for (const [email, consent] of [[ticked, true], [unticked, undefined]] as const) {
      const res = await api.call('POST', `/v1/events/${event.id}/orders`, {
        role: null,
        headers: { 'user-agent': 'Storefront checkout' },
        body: { buyer: { email }, items: [{ ticketTypeId: free.id, quantity: 1 }], ...(consent ? { marketingConsent: true } : {}) },
      });
      expect(res.status).toBe(201);
    }
    const contactOf = async (email: string) => {
      for (let i = 0; i < 200; i++) {
        const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
        if (res.body.items?.length) return res.body.items[0];
        await new Promise((r) => setTimeout(r, 50));
      }
      throw new Error(`no contact for ${email}`);
    };
    const yes = await contactOf(ticked);
    expect(yes.marketingConsent).toBe(true);
    const consents = await api.call('GET', `/v1/contacts/${yes.id}/consents`);
    expect(consents.body.records).toEqual([
      expect.objectContaining({ purpose: 'marketing_email', state: 'granted', method: 'checkout', userAgent: 'Storefront checkout', orderId: expect.any(String) }),
    ]);
    const no = await contactOf(unticked);
    expect(no.marketingConsent).toBeUndefined();
    expect((await api.call('GET', `/v1/contacts/${no.id}/consents`)).body.records).toEqual([]);
  });

  it('preference centre: a signed link shows an accessible form without script; saving records one change per purpose', async () => {
    const c = await givenContact();
    await api.call('POST', `/v1/contacts/${c.id}/consents`, { body: { purpose: 'marketing_email', state: 'granted' } });
    const link = preferencesLink(c.id).replace(/^https?:\/\/[^/]+/, api.apiUrl);
    const viaApi = await api.call('GET', `/v1/contacts/${c.id}/preferences-link`);
    expect(viaApi.body.url.replace(/^https?:\/\/[^/]+/, api.apiUrl)).toBe(link);
    const page = await fetch(link);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).not.toMatch(/<script/i);
    expect(html).toContain('<html lang="en">');
    expect(html).toMatch(/<legend>By email<\/legend>/);
    expect(html).toMatch(/<label for="p-marketing_email"><input type="checkbox" id="p-marketing_email" name="purpose" value="marketing_email" aria-describedby="d-marketing_email" checked>/);
    expect(html).toMatch(/id="p-event_announcements"[^>]*value="event_announcements"[^>]*aria-describedby="d-event_announcements">/);
    expect(html).not.toContain('p-photography'); // not a channel: not on the page

    // The browser posts the form as it is: marketing unticked, event announcements ticked.
    const saved = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded', 'user-agent': 'Pref browser' }, body: 'purpose=event_announcements' });
    expect(saved.status).toBe(200);
    expect(await saved.text()).toContain('Your preferences are saved.');
    const consents = await api.call('GET', `/v1/contacts/${c.id}/consents`);
    const current = Object.fromEntries(consents.body.current.map((s: { purpose: string; state: string }) => [s.purpose, s.state]));
    expect(current).toEqual({ marketing_email: 'withdrawn', event_announcements: 'granted' });
    expect(consents.body.records.slice(1)).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ purpose: 'marketing_email', state: 'withdrawn', method: 'preferences', userAgent: 'Pref browser' }),
        expect.objectContaining({ purpose: 'event_announcements', state: 'granted', method: 'preferences' }),
      ]),
    );
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.marketingConsent).toBe(false);

    const again = await fetch(link, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'purpose=event_announcements' });
    expect(await again.text()).toContain('Nothing changed.');
    expect((await api.call('GET', `/v1/contacts/${c.id}/consents`)).body.records).toHaveLength(3);
    expect((await fetch(link.replace(/.$/, (ch) => (ch === 'A' ? 'B' : 'A')))).status).toBe(404);
  });
});
