import { describe, expect, it } from 'vitest';
import { readCampaignCounters } from '#packages/features/campaigns/campaign-counters.ts';
import { publishSesRecord } from '#packages/features/campaigns/ses-event-fixture.ts';
import { isSuppressed } from '#packages/features/campaigns/suppression.ts';
import { db } from '#packages/core/db/service.ts';
import { consentRecordsOf, contactOf, givenSentCampaign, sesEvent } from '../support/campaign-tracking-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

async function timelineKinds(contactId: string): Promise<string[]> {
  const res = await api.call('GET', `/v1/contacts/${contactId}/timeline?limit=100`);
  expect(res.status).toBe(200);
  return (res.body.items as Array<{ kind: string }>).map((i) => i.kind).filter((k) => k.startsWith('campaign.'));
}

/** Not in the contact's API view: lead scoring reads them from the item. */
async function emailCounts(contactId: string) {
  const { data } = await db().entities.contact.get({ contactId }).go({ attributes: ['emailOpens', 'emailClicks'] });
  return data;
}

const engagement = async (campaignId: string, contactId: string) => (await db().entities.campaignEngagement.get({ campaignId, contactId }).go()).data;

describe('campaign tracking from SES events', () => {
  it('records delivery, a unique open and a unique click: counters, engagement score (set, not ADD), email counts, timeline', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const r = recipients[0]!;
    const before = await contactOf(api.call, r.contactId);
    await sesEvent(api.call, r.messageId, 'Delivery');
    await sesEvent(api.call, r.messageId, 'Open');
    await sesEvent(api.call, r.messageId, 'Click', { link: `https://shop.example.com/tickets?rt=${r.recipientToken}` });
    await api.bus.drain();

    const counters = await readCampaignCounters(campaignId);
    expect(counters).toMatchObject({ sent: 1, delivered: 1, opened: 1, clicked: 1, bounced: 0, complained: 0 });
    const after = await contactOf(api.call, r.contactId);
    expect(after.engagementScore).toBe(before.engagementScore + 1 + 5);
    expect(await emailCounts(r.contactId)).toEqual({ emailOpens: 1, emailClicks: 1 });
    // The score index moved with the set value: the contact is found by its new score.
    const { data: byScore } = await db().entities.contact.query.byScore({ state: 'active', engagementScore: after.engagementScore }).go();
    expect(byScore.map((c) => c.contactId)).toContain(r.contactId);
    expect((await timelineKinds(r.contactId)).sort()).toEqual(['campaign.clicked', 'campaign.opened']);
    expect(await engagement(campaignId, r.contactId)).toMatchObject({ messageId: r.messageId, firstLink: expect.stringContaining('rt=') });
    const reasons = api.bus.recent
      .filter((e) => e['detail-type'] === 'contact.updated' && (e.detail as any).data.contactId === r.contactId)
      .map((e) => (e.detail as any).data.reason);
    expect(reasons).toEqual(['engagement', 'engagement']);
  });

  it('counts a duplicated SES event once, and later opens and clicks of the same mail add nothing', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const r = recipients[0]!;
    const before = await contactOf(api.call, r.contactId);
    await Promise.all([
      sesEvent(api.call, r.messageId, 'Delivery'),
      sesEvent(api.call, r.messageId, 'Delivery'),
      sesEvent(api.call, r.messageId, 'Open'),
      sesEvent(api.call, r.messageId, 'Open'),
      sesEvent(api.call, r.messageId, 'Open'),
      sesEvent(api.call, r.messageId, 'Click'),
      sesEvent(api.call, r.messageId, 'Click'),
    ]);
    await api.bus.drain();
    await sesEvent(api.call, r.messageId, 'Open');
    await api.bus.drain();
    expect(await readCampaignCounters(campaignId)).toMatchObject({ delivered: 1, opened: 1, clicked: 1 });
    const after = await contactOf(api.call, r.contactId);
    expect(after.engagementScore).toBe(before.engagementScore + 6);
    expect(await emailCounts(r.contactId)).toEqual({ emailOpens: 1, emailClicks: 1 });
    expect(await timelineKinds(r.contactId)).toHaveLength(2);
    expect(api.bus.deadLetters.filter((d) => d.consumer === 'campaign-track')).toEqual([]);
  });

  it('tolerates events out of order: an open before its delivery counts; a delivery after a permanent bounce does not undo it', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 2);
    const [a, b] = recipients as [(typeof recipients)[number], (typeof recipients)[number]];
    await sesEvent(api.call, a.messageId, 'Open');
    await api.bus.drain();
    await sesEvent(api.call, a.messageId, 'Delivery');
    await sesEvent(api.call, b.messageId, 'Bounce', { bounceType: 'Permanent' });
    await api.bus.drain();
    await sesEvent(api.call, b.messageId, 'Delivery');
    await api.bus.drain();
    expect(await readCampaignCounters(campaignId)).toMatchObject({ delivered: 1, opened: 1, bounced: 1 });
    expect(await engagement(campaignId, b.contactId)).toMatchObject({ bounceType: 'Permanent' });
    expect((await engagement(campaignId, b.contactId))?.deliveredAt).toBeUndefined();
  });

  it('a permanent bounce suppresses the address and flags the email invalid; a transient one is only recorded', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 2);
    const [hard, soft] = recipients as [(typeof recipients)[number], (typeof recipients)[number]];
    await sesEvent(api.call, hard.messageId, 'Bounce', { bounceType: 'Permanent' });
    await sesEvent(api.call, soft.messageId, 'Bounce', { bounceType: 'Transient' });
    await api.bus.drain();

    expect(await isSuppressed(hard.email)).toBe(true);
    expect((await db().entities.suppression.get({ email: hard.email }).go()).data).toMatchObject({ reason: 'bounce', messageId: hard.messageId, campaignId });
    expect((await contactOf(api.call, hard.contactId)).emailStatus).toBe('invalid');
    expect(await timelineKinds(hard.contactId)).toEqual(['campaign.bounced']);

    expect(await isSuppressed(soft.email)).toBe(false);
    expect((await contactOf(api.call, soft.contactId)).emailStatus).not.toBe('invalid');
    expect(await timelineKinds(soft.contactId)).toEqual([]);
    expect(await engagement(campaignId, soft.contactId)).toMatchObject({ bounceType: 'Transient' });
    expect((await readCampaignCounters(campaignId)).bounced).toBe(2);

    // SES gives up on the soft one later with a permanent bounce: now suppressed, still one bounced recipient.
    await sesEvent(api.call, soft.messageId, 'Bounce', { bounceType: 'Permanent' });
    await sesEvent(api.call, soft.messageId, 'Bounce', { bounceType: 'Transient' });
    await api.bus.drain();
    expect(await isSuppressed(soft.email)).toBe(true);
    expect((await contactOf(api.call, soft.contactId)).emailStatus).toBe('invalid');
    expect(await engagement(campaignId, soft.contactId)).toMatchObject({ bounceType: 'Permanent' });
    expect((await readCampaignCounters(campaignId)).bounced).toBe(2);
  });

  it('a complaint unsubscribes the contact from all marketing (consent record, source complaint) and suppresses the address, once', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 1);
    const r = recipients[0]!;
    await sesEvent(api.call, r.messageId, 'Delivery');
    await sesEvent(api.call, r.messageId, 'Complaint');
    await sesEvent(api.call, r.messageId, 'Complaint');
    await api.bus.drain();
    const contact = await contactOf(api.call, r.contactId);
    expect(contact.marketingConsent).toBe(false);
    expect(await isSuppressed(r.email)).toBe(true);
    expect((await db().entities.suppression.get({ email: r.email }).go()).data?.reason).toBe('complaint');
    const records = await consentRecordsOf(r.contactId);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({ granted: false, source: 'complaint', campaignId, messageId: r.messageId });
    expect(await readCampaignCounters(campaignId)).toMatchObject({ delivered: 1, complained: 1, unsubscribed: 0 });
  });

  it('mail that is no campaign’s (an order confirmation): a permanent bounce still suppresses the address, nothing else happens', async () => {
    const address = `receipt.${Date.now()}@example.com`;
    await publishSesRecord({
      eventType: 'Bounce',
      mail: { messageId: 'not-a-campaign-message', destination: [address] },
      bounce: { bounceType: 'Permanent', timestamp: new Date().toISOString(), bouncedRecipients: [{ emailAddress: address.toUpperCase() }] },
    });
    await publishSesRecord({ eventType: 'Open', mail: { messageId: 'not-a-campaign-message' }, open: { timestamp: new Date().toISOString() } });
    await api.bus.drain();
    expect(await isSuppressed(address)).toBe(true);
    expect(api.bus.deadLetters.filter((d) => d.consumer === 'campaign-track')).toEqual([]);
  });

  it('the dev endpoint refuses an unknown message id and a malformed body', async () => {
    expect((await api.call('POST', '/dev/ses-events', { body: { messageId: 'nope', type: 'Open' }, role: null })).status).toBe(404);
    expect((await api.call('POST', '/dev/ses-events', { body: { messageId: 'x', type: 'Exploded' }, role: null })).status).toBe(400);
  });
});
