import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/campaign-due.ts';
import { db } from '#packages/core/db/service.ts';
import { campaignBody, givenCampaign, givenContacts, givenReadySegment, header, mailbox, mailFor, recipientsOf } from '../support/campaign-fixtures.ts';
import { hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';
import { advanceClock } from '../support/clock.ts';

// Locally the rate is a setting; the emulator keeps up with far more than SES's default 14/s.
process.env.CAMPAIGN_MAX_SEND_RATE = '500';

// A campaign test makes its audience through the API (every contact's consumers run too): slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const api = useTestApi();
const drain = () => api.bus.drain();

async function sendAndDrain(campaignId: string) {
  const res = await api.call('POST', `/v1/campaigns/${campaignId}/send`);
  expect(res.status).toBe(202);
  await drain();
  return (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
}

function expectOneClickHeaders(email: { headers?: Array<{ name: string; value: string }> }) {
  const list = header(email as never, 'List-Unsubscribe');
  expect(list).toMatch(/^<https?:\/\/[^>]+\/v1\/unsubscribe\/[^>]+>, <mailto:unsubscribe@[^?]+\?subject=unsubscribe-[^>]+>$/);
  expect(header(email as never, 'List-Unsubscribe-Post')).toBe('List-Unsubscribe=One-Click');
}

describe('campaigns: CRUD and validation', () => {
  it('creates a draft, lists, reads, edits it; refuses unknown placeholders naming them', async () => {
    const tag = uniqueTag();
    await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);

    const bad = await api.call('POST', '/v1/campaigns', {
      body: { name: 'x', type: 'newsletter', subject: 'Hi {{first_name}}', html: '{{event.name}} {{firstName}}', text: '{{ nope }}', audience: { segmentId } },
    });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'validation_failed', unknownPlaceholders: ['first_name', 'event.name', 'nope'] });
    expect(bad.body.errors.map((e: { path: string }) => e.path)).toEqual(['subject', 'html', 'text']);

    const created = await givenCampaign(api.call, { audience: { segmentId } });
    expect(created).toMatchObject({ status: 'draft', type: 'newsletter', audience: { segmentId }, budget: { amount: 10_000, currency: 'EUR' } });
    expect((await api.call('GET', `/v1/campaigns/${created.id}`)).body).toEqual(created);
    expect((await api.call('GET', '/v1/campaigns?limit=100')).body.items.map((c: { id: string }) => c.id)).toContain(created.id);

    const edited = await api.call('PATCH', `/v1/campaigns/${created.id}`, { body: { subject: 'New subject {{lastName}}', budget: null } });
    expect(edited.status).toBe(200);
    expect(edited.body).toMatchObject({ subject: 'New subject {{lastName}}', budget: null });
    const typo = await api.call('PATCH', `/v1/campaigns/${created.id}`, { body: { text: 'Hi {{firstname}}' } });
    expect(typo.status).toBe(400);
    expect(typo.body.unknownPlaceholders).toEqual(['firstname']);
  });

  it('refuses unknown segments and events (422)', async () => {
    const unknown = '01JD0000000000000000000000';
    expect((await api.call('POST', '/v1/campaigns', { body: campaignBody({ audience: { segmentId: unknown } }) })).body.code).toBe('unknown_segment');
    const noEvent = await api.call('POST', '/v1/campaigns', {
      body: { name: 'x', type: 'event_promo', subject: 's', html: '{{event.startsAt}}', text: 't', audience: { eventId: unknown, kind: 'buyers' } },
    });
    expect(noEvent.status).toBe(422);
    expect(noEvent.body.code).toBe('unknown_event');
  });

  it('schedules, reschedules and cancels; a canceled or sent campaign no longer changes', async () => {
    const tag = uniqueTag();
    await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await api.call('POST', `/v1/campaigns/${c.id}/schedule`, { body: { at: hours(-1) } })).body.code).toBe('schedule_in_past');
    const scheduled = await api.call('POST', `/v1/campaigns/${c.id}/schedule`, { body: { at: hours(24) } });
    expect(scheduled.body.status).toBe('scheduled');
    const later = hours(48);
    const moved = await api.call('POST', `/v1/campaigns/${c.id}/schedule`, { body: { at: later } });
    expect(moved.body).toMatchObject({ status: 'scheduled', scheduledAt: later });
    expect((await api.call('PATCH', `/v1/campaigns/${c.id}`, { body: { name: 'Renamed while scheduled' } })).status).toBe(200);
    const canceled = await api.call('POST', `/v1/campaigns/${c.id}/cancel`);
    expect(canceled.body.status).toBe('canceled');
    expect((await api.call('PATCH', `/v1/campaigns/${c.id}`, { body: { name: 'too late' } })).body.code).toBe('not_editable');
    expect((await api.call('POST', `/v1/campaigns/${c.id}/send`)).status).toBe(409);
    expect((await api.call('POST', `/v1/campaigns/${c.id}/cancel`)).body.code).toBe('invalid_transition');
  });

  it('needs campaigns:write to create and campaigns:send to send', async () => {
    const tag = uniqueTag();
    await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    expect((await api.call('POST', '/v1/campaigns', { body: {}, role: 'scanner' })).status).toBe(403);
    const c = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await api.call('POST', `/v1/campaigns/${c.id}/send`, { role: 'sales' })).status).toBe(403);
    expect((await api.call('GET', `/v1/campaigns/${c.id}`, { role: null })).status).toBe(401);
  });
});

describe('campaigns: sending', () => {
  it('mails every member of a segment exactly once, personalized, with one-click unsubscribe headers and tagged links', async () => {
    const tag = uniqueTag();
    // 101 contacts: two resolve chunks (98 a chunk) and three send chunks (50 a chunk).
    const contacts = await givenContacts(api.call, 101, (i) => ({ tags: [tag], firstName: `Ana${i}`, ...(i % 7 === 0 ? { firstName: undefined } : {}) }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    const done = await sendAndDrain(c.id);
    expect(done.status).toBe('sent');
    expect(done.totals).toMatchObject({ audience: 101, sent: 101, failed: 0, unknown: 0 });

    const mail = await mailFor(api.mailUrl, contacts.map((x) => x.email));
    for (const [i, contact] of contacts.entries()) {
      const messages = mail.get(contact.email)!;
      expect(messages, contact.email).toHaveLength(1);
      const [m] = messages as [NonNullable<(typeof messages)[number]>];
      expectOneClickHeaders(m);
      const first = i % 7 === 0 ? '' : `Ana${i}`;
      expect(m.subject).toBe(`Hi ${first}, news for you`);
      expect(m.body.html).toContain(`<p>Hello ${first} !</p>`);
      expect(m.body.html).toMatch(/href="https:\/\/shop\.example\.com\/tickets\?utm=spring&amp;rt=[^"]+"/);
      expect(m.body.html).toMatch(/<a href="https?:\/\/[^"]+\/v1\/unsubscribe\/[^"]+">Unsubscribe<\/a>/);
      expect(m.body.text).toMatch(/Unsubscribe: https?:\/\/\S+\/v1\/unsubscribe\//);
    }
    const recipients = await recipientsOf(api.call, c.id);
    expect(recipients).toHaveLength(101);
    expect(recipients.every((r) => r.status === 'sent' && r.messageId)).toBe(true);
    // The tracking consumer finds a recipient by SES's MessageId.
    const someone = recipients[17]!;
    const byMessage = await db().entities.campaignRecipient.query.byMessage({ messageId: someone.messageId! }).go();
    expect(byMessage.data.map((r) => r.contactId)).toEqual([someone.contactId]);
    const sentEvents = api.bus.recent.filter((e) => e['detail-type'] === 'campaign.sent' && (e.detail as { data: { campaignId: string } }).data.campaignId === c.id);
    expect(sentEvents).toHaveLength(1);
  });

  it("mails an event's buyers once each (however many orders), renders event fields, skips those without consent", async () => {
    const event = await givenPublishedEvent(api.call, { name: 'Friday <Techno>' });
    const type = await givenTicketType(api.call, event.id, { price: { amount: 0, currency: 'EUR' } });
    const [twice, once, noConsent] = [mailbox('buyer'), mailbox('buyer'), mailbox('buyer')];
    for (const email of [twice, twice, once, noConsent]) await givenPaidOrder(api.call, event.id, type.id, { email });
    await drain();
    for (const email of [twice, once]) {
      const found = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
      expect((await api.call('PATCH', `/v1/contacts/${found.body.items[0].id}`, { body: { marketingConsent: true } })).status).toBe(200);
    }
    const c = await givenCampaign(api.call, {
      type: 'event_promo',
      audience: { eventId: event.id, kind: 'buyers' },
      subject: 'See you at {{event.name}}',
      html: '<p>{{event.name}} starts {{event.startsAt}}</p>',
      text: '{{event.name}} starts {{event.startsAt}}',
    });
    expect(c).toMatchObject({ eventId: event.id });

    const done = await sendAndDrain(c.id);
    expect(done.totals).toMatchObject({ audience: 3, sent: 2, skipped_no_consent: 1 });
    // Buyers also got their order confirmations: only this campaign's mail counts here.
    const mail = await mailFor(api.mailUrl, [twice, once, noConsent], (e) => e.subject.startsWith('See you at'));
    expect([twice, once, noConsent].map((a) => mail.get(a)!.length)).toEqual([1, 1, 0]);
    const m = mail.get(once)![0]!;
    expect(m.subject).toBe('See you at Friday <Techno>');
    expect(m.body.html).toMatch(/^<p>Friday &lt;Techno&gt; starts .+ UTC<\/p>/);
    expectOneClickHeaders(m);
    const skipped = (await recipientsOf(api.call, c.id)).filter((r) => r.status === 'skipped');
    expect(skipped.map((r) => [r.email, r.skipReason])).toEqual([[noConsent, 'no_consent']]);
  });

  it('skips by reason, and honours an unsubscribe (one click from the header) in the next campaign', async () => {
    const tag = uniqueTag();
    const [keeps, leaves, suppressed, invalid] = await givenContacts(api.call, 4, () => ({ tags: [tag] }));
    const [never] = await givenContacts(api.call, 1, () => ({ tags: [tag], marketingConsent: undefined }));
    await db().entities.suppression.put({ email: suppressed!.email, reason: 'bounce', at: new Date().toISOString() }).go();
    await db().entities.contact.patch({ contactId: invalid!.id }).set({ emailStatus: 'invalid' }).go();
    const segmentId = await givenReadySegment(api.call, drain, tag);

    const first = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await sendAndDrain(first.id)).totals).toMatchObject({
      audience: 5,
      sent: 2,
      skipped_suppressed: 1,
      skipped_invalid_email: 1,
      skipped_no_consent: 1,
    });
    const [message] = (await mailFor(api.mailUrl, [leaves!.email])).get(leaves!.email)!;
    const oneClick = /^<([^>]+)>/.exec(header(message!, 'List-Unsubscribe')!)![1]!;
    const res = await api.call('POST', new URL(oneClick).pathname, {
      role: null,
      rawBody: 'List-Unsubscribe=One-Click',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
    });
    expect(res.status).toBe(200);
    await drain();

    const second = await givenCampaign(api.call, { audience: { segmentId }, name: 'Next one' });
    expect((await sendAndDrain(second.id)).totals).toMatchObject({ audience: 5, sent: 1, skipped_unsubscribed: 1 });
    const reasons = Object.fromEntries((await recipientsOf(api.call, second.id)).map((r) => [r.contactId, r.skipReason ?? r.status]));
    expect(reasons).toEqual({ [keeps!.id]: 'sent', [leaves!.id]: 'unsubscribed', [suppressed!.id]: 'suppressed', [invalid!.id]: 'invalid_email', [never!.id]: 'no_consent' });
    const mail = await mailFor(api.mailUrl, [keeps!.email, leaves!.email]);
    expect([mail.get(keeps!.email)!.length, mail.get(leaves!.email)!.length]).toEqual([2, 1]);
  });

  it('two sends of one campaign: one 202 and one 409; the same Idempotency-Key replays the 202', async () => {
    const tag = uniqueTag();
    const contacts = await givenContacts(api.call, 5, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    const both = await Promise.all([1, 2].map(() => api.call('POST', `/v1/campaigns/${c.id}/send`)));
    expect(both.map((r) => r.status).sort()).toEqual([202, 409]);
    expect(both.find((r) => r.status === 409)!.body.code).toMatch(/^already_(sending|sent)$/);

    const c2 = await givenCampaign(api.call, { audience: { segmentId } });
    const key = { 'idempotency-key': `send-${c2.id}` };
    const a = await api.call('POST', `/v1/campaigns/${c2.id}/send`, { headers: key });
    const b = await api.call('POST', `/v1/campaigns/${c2.id}/send`, { headers: key });
    expect([a.status, b.status]).toEqual([202, 202]);
    expect(b.headers.get('idempotent-replayed')).toBe('true');
    await drain();
    const after = await api.call('POST', `/v1/campaigns/${c2.id}/send`);
    expect(after.body.code).toBe('already_sent');

    const mail = await mailFor(api.mailUrl, contacts.map((x) => x.email));
    for (const x of contacts) expect(mail.get(x.email), x.email).toHaveLength(2);
  });

  it('the same campaign.send_requested delivered twice mails everyone once', async () => {
    const tag = uniqueTag();
    const contacts = await givenContacts(api.call, 60, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    expect((await api.call('POST', `/v1/campaigns/${c.id}/send`)).status).toBe(202);
    // Its first delivery is under way; put the very same event (same metadata.id) on the bus again, as EventBridge may.
    const requested = api.bus.recent.find((e) => e['detail-type'] === 'campaign.send_requested' && (e.detail as { data: { campaignId: string } }).data.campaignId === c.id)!;
    await new EventBridgeClient({}).send(
      new PutEventsCommand({ Entries: [{ EventBusName: 'eventos-local', Source: requested.source, DetailType: requested['detail-type'], Detail: JSON.stringify(requested.detail) }] }),
    );
    await drain();

    const done = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
    expect(done.totals).toMatchObject({ audience: 60, sent: 60 });
    const mail = await mailFor(api.mailUrl, contacts.map((x) => x.email));
    for (const x of contacts) expect(mail.get(x.email), x.email).toHaveLength(1);
    const deliveries = api.bus.recent.filter((e) => e['detail-type'] === 'campaign.send_requested' && (e.detail as { data: { campaignId: string } }).data.campaignId === c.id);
    expect(deliveries).toHaveLength(2);
    expect(new Set(deliveries.map((e) => (e.detail as { metadata: { id: string } }).metadata.id)).size).toBe(1);
  });

  it('a scheduled campaign is sent by the due job once its time has come', async () => {
    const tag = uniqueTag();
    const [contact] = await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });
    expect((await api.call('POST', `/v1/campaigns/${c.id}/schedule`, { body: { at: new Date(Date.now() + 1500).toISOString() } })).status).toBe(200);

    await dueJob({}, {} as never);
    expect((await api.call('GET', `/v1/campaigns/${c.id}`)).body.status).toBe('scheduled');
    const clock = advanceClock(1600);
    try {
      await dueJob({}, {} as never);
      await drain();
    } finally {
      clock.restore();
    }
    const sent = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
    expect(sent).toMatchObject({ status: 'sent', sendRequestedBy: 'scheduler' });
    expect((await mailFor(api.mailUrl, [contact!.email])).get(contact!.email)).toHaveLength(1);
  });
});
