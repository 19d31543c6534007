import { describe, expect, it } from 'vitest';
import { readCampaignCounters } from '#packages/features/campaigns/campaign-counters.ts';
import { signRecipientToken, signUnsubscribeToken } from '#packages/features/campaigns/tokens.ts';
import { givenCampaign, givenContacts, givenReadySegment, header, mailFor, recipientsOf } from '../support/campaign-fixtures.ts';
import { consentRecordsOf, contactOf, givenSentCampaign, oneClick, sesEvent, statsOf } from '../support/campaign-tracking-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';

// Locally the send rate is a setting; the emulator keeps up with far more than SES's default.
process.env.CAMPAIGN_MAX_SEND_RATE = '500';

const api = useTestApi();

const consentEvents = (contactId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === 'contact.updated' && (e.detail as any).data.contactId === contactId && (e.detail as any).data.reason === 'consent');

describe('one-click unsubscribe (RFC 8058)', () => {
  it('POST List-Unsubscribe=One-Click unsubscribes from marketing, records the consent change, counts once and says contact.updated', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const [r] = recipients as [(typeof recipients)[number]];
    const before = await contactOf(api.call, r.contactId);
    expect(before.marketingConsent).toBe(true);

    const res = await oneClick(api.call, r.unsubscribeToken);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ status: 'unsubscribed' });
    await api.bus.drain();

    const after = await contactOf(api.call, r.contactId);
    expect(after.marketingConsent).toBe(false);
    expect(Date.parse(after.marketingConsentAt)).toBeGreaterThanOrEqual(Date.parse(before.marketingConsentAt));
    const records = await consentRecordsOf(r.contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ contactId: r.contactId, kind: 'marketing', granted: false, source: 'one_click', campaignId, at: after.marketingConsentAt });
    expect((await readCampaignCounters(campaignId)).unsubscribed).toBe(1);
    expect(consentEvents(r.contactId)).toHaveLength(1);
  });

  it('is idempotent: a second POST (or a mail client retrying) changes nothing more', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const [r] = recipients as [(typeof recipients)[number]];
    const results = await Promise.all([oneClick(api.call, r.unsubscribeToken), oneClick(api.call, r.unsubscribeToken), oneClick(api.call, r.unsubscribeToken)]);
    expect(results.map((x) => x.status)).toEqual([200, 200, 200]);
    expect(results.map((x) => x.body.status).sort()).toEqual(['already_unsubscribed', 'already_unsubscribed', 'unsubscribed']);
    const again = await oneClick(api.call, r.unsubscribeToken);
    expect(again.body).toEqual({ status: 'already_unsubscribed' });
    await api.bus.drain();
    expect(await consentRecordsOf(r.contactId)).toHaveLength(1);
    expect((await readCampaignCounters(campaignId)).unsubscribed).toBe(1);
    expect(consentEvents(r.contactId)).toHaveLength(1);
  });

  it('GET shows a confirmation page whose button POSTs, and changes nothing (mail scanners prefetch links)', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const [r] = recipients as [(typeof recipients)[number]];
    for (let i = 0; i < 3; i++) {
      const page = await api.call('GET', `/v1/unsubscribe/${r.unsubscribeToken}`, { role: null });
      expect(page.status).toBe(200);
      expect(page.headers.get('content-type')).toMatch(/^text\/html/);
      expect(page.body).toContain('<form method="post">');
      expect(page.body).toContain('name="List-Unsubscribe" value="One-Click"');
    }
    await api.bus.drain();
    expect((await contactOf(api.call, r.contactId)).marketingConsent).toBe(true);
    expect(await consentRecordsOf(r.contactId)).toEqual([]);
    expect((await readCampaignCounters(campaignId)).unsubscribed).toBe(0);
  });

  it("the page's button (form POST from a browser) unsubscribes with source `link` and answers with a page", async () => {
    const { recipients } = await givenSentCampaign(api.call, 1);
    const [r] = recipients as [(typeof recipients)[number]];
    const res = await api.call('POST', `/v1/unsubscribe/${r.unsubscribeToken}`, {
      role: null,
      rawBody: 'List-Unsubscribe=One-Click&via=page',
      headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'text/html,application/xhtml+xml' },
    });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(res.body).toContain('You are unsubscribed');
    expect((await consentRecordsOf(r.contactId))[0]).toMatchObject({ source: 'link' });
  });

  it('a forged, altered or wrong-kind token → 404 and nothing changes', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const [r] = recipients as [(typeof recipients)[number]];
    const [payload, mac] = r.unsubscribeToken.split('.') as [string, string];
    const otherContact = Buffer.from(JSON.stringify({ k: 'u', c: r.contactId, m: '01JD0000000000000000000099' })).toString('base64url');
    const wrongKey = await signUnsubscribeToken({ contactId: r.contactId, campaignId }, 'x'.repeat(32));
    const forged = [
      `${otherContact}.${mac}`,
      `${payload}.${mac.slice(0, -1)}${mac.endsWith('A') ? 'B' : 'A'}`,
      wrongKey,
      await signRecipientToken({ campaignId, contactId: r.contactId }), // a click token is not an unsubscribe token
      'not-a-token',
    ];
    for (const token of forged) {
      const post = await oneClick(api.call, token);
      expect(post.status, token).toBe(404);
      expect(post.headers.get('content-type')).toMatch(/problem\+json/);
      expect(post.body.code).toBe('invalid_token');
      const get = await api.call('GET', `/v1/unsubscribe/${token}`, { role: null });
      expect(get.status).toBe(404);
      expect(get.body).toContain('not valid');
    }
    await api.bus.drain();
    expect((await contactOf(api.call, r.contactId)).marketingConsent).toBe(true);
    expect(await consentRecordsOf(r.contactId)).toEqual([]);
    expect((await readCampaignCounters(campaignId)).unsubscribed).toBe(0);
    expect(consentEvents(r.contactId)).toHaveLength(0);
  });

  it('a contact who unsubscribed through one campaign and then clicks another campaign’s link counts for that campaign too, with no second consent record', async () => {
    const first = await givenSentCampaign(api.call, 1);
    const r = first.recipients[0]!;
    expect((await oneClick(api.call, r.unsubscribeToken)).body.status).toBe('unsubscribed');
    const secondCampaignToken = await signUnsubscribeToken({ contactId: r.contactId, campaignId: '01JD0000000000000000000077' });
    expect((await oneClick(api.call, secondCampaignToken)).body.status).toBe('unsubscribed');
    expect((await readCampaignCounters('01JD0000000000000000000077')).unsubscribed).toBe(1);
    expect(await consentRecordsOf(r.contactId)).toHaveLength(1);
  });
});

describe('the next campaign honours unsubscribes, bounces and complaints', () => {
  it('a contact who used the List-Unsubscribe URL of a real mail, a hard bounce and a complaint are skipped next time, with the reason', async () => {
    const tag = uniqueTag();
    const [leaver, bouncer, complainer, stayer] = (await givenContacts(api.call, 4, () => ({ tags: [tag] }))) as [
      { id: string; email: string },
      { id: string; email: string },
      { id: string; email: string },
      { id: string; email: string },
    ];
    const segmentId = await givenReadySegment(api.call, () => api.bus.drain(), tag);

    const first = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await api.call('POST', `/v1/campaigns/${first.id}/send`)).status).toBe(202);
    await api.bus.drain();
    const firstMail = await mailFor(api.mailUrl, [leaver.email]);
    const [mail] = firstMail.get(leaver.email)!;
    // The one-click URL exactly as the mail carries it (RFC 8058): POST it as a mail client would.
    const url = /<(https?:\/\/[^>]+)>/.exec(header(mail!, 'List-Unsubscribe') ?? '')![1]!;
    const clicked = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/x-www-form-urlencoded' }, body: 'List-Unsubscribe=One-Click' });
    expect(clicked.status).toBe(200);
    const sent = new Map((await recipientsOf(api.call, first.id)).map((r) => [r.contactId, r]));
    await sesEvent(api.call, sent.get(bouncer.id)!.messageId!, 'Bounce', { bounceType: 'Permanent' });
    await sesEvent(api.call, sent.get(complainer.id)!.messageId!, 'Complaint');
    await sesEvent(api.call, sent.get(stayer.id)!.messageId!, 'Delivery');
    await api.bus.drain();
    expect(await statsOf(api.call, first.id)).toMatchObject({ sent: 4, delivered: 1, bounced: 1, complained: 1, unsubscribed: 1 });

    const second = await givenCampaign(api.call, { audience: { segmentId }, name: 'Second newsletter' });
    expect((await api.call('POST', `/v1/campaigns/${second.id}/send`)).status).toBe(202);
    await api.bus.drain();
    const next = new Map((await recipientsOf(api.call, second.id)).map((r) => [r.contactId, r]));
    expect(next.get(leaver.id)).toMatchObject({ status: 'skipped', skipReason: 'unsubscribed' });
    expect(next.get(bouncer.id)).toMatchObject({ status: 'skipped', skipReason: 'suppressed' });
    expect(next.get(complainer.id)).toMatchObject({ status: 'skipped', skipReason: 'suppressed' });
    expect(next.get(stayer.id)).toMatchObject({ status: 'sent' });
    const mailbox = await mailFor(api.mailUrl, [leaver.email, bouncer.email, complainer.email, stayer.email]);
    expect([leaver, bouncer, complainer, stayer].map((c) => mailbox.get(c.email)!.length)).toEqual([1, 1, 1, 2]);
    expect((await statsOf(api.call, second.id)).skipped).toMatchObject({ unsubscribed: 1, suppressed: 2, total: 3 });
  });
});
