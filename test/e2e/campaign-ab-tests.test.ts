import { describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/campaign-due.ts';
import { assign } from '#packages/features/campaigns/ab/assignment.ts';
import { givenCampaign, givenContacts, givenReadySegment, mailFor, recipientsOf } from '../support/campaign-fixtures.ts';
import { sesEvent } from '../support/campaign-tracking-fixtures.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';
import { signRecipientToken } from '#packages/features/campaigns/tokens.ts';

process.env.CAMPAIGN_MAX_SEND_RATE = '500';
vi.setConfig({ testTimeout: 240_000 });

const api = useTestApi();
const drain = () => api.bus.drain();
const HOUR = 3_600_000;
const BROWSER = 'Mozilla/5.0 (Macintosh; Intel Mac OS X 14_1) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.1 Safari/605.1.15';

/** Two variants told apart by their subject; the test is short in the tests' own clock (advanceClock moves it). */
const abTest = (over: Record<string, unknown> = {}) => ({
  variants: [
    { id: 'a', subject: 'A: hello {{firstName}}' },
    { id: 'b', subject: 'B: hello {{firstName}}', html: '<p>B for {{firstName}} <a href="https://shop.example.com/b">Tickets</a></p>' },
  ],
  testShare: 50,
  winnerMetric: 'click_rate',
  // From 10 % to 100 % (capped just below): 4 recipients a variant suffice — the sizes a test can afford.
  baselineRate: 0.1,
  minimumDetectableLift: 9,
  testDuration: 'PT1H',
  fallbackVariant: 'a',
  ...over,
});

async function givenAbCampaign(contacts: number, test: Record<string, unknown>) {
  const tag = uniqueTag();
  const people = await givenContacts(api.call, contacts, (i) => ({ tags: [tag], firstName: `P${i}` }));
  const segmentId = await givenReadySegment(api.call, drain, tag);
  const c = await givenCampaign(api.call, { audience: { segmentId }, abTest: test });
  return { people, campaignId: c.id };
}

/** The due job at `aheadMs` from now (the test clock), and whatever `then` reads at that time. */
async function dueRun<T>(aheadMs = 0, then?: () => Promise<T>): Promise<T | undefined> {
  const clock = aheadMs ? advanceClock(aheadMs) : null;
  try {
    await dueJob({}, {} as never);
    await drain();
    return await then?.();
  } finally {
    clock?.restore();
  }
}

const abOf = async (id: string) => {
  const res = await api.call('GET', `/v1/campaigns/${id}/ab-test`);
  expect(res.status).toBe(200);
  return res.body;
};

async function sendTestShare(campaignId: string) {
  expect((await api.call('POST', `/v1/campaigns/${campaignId}/send`)).status).toBe(202);
  await drain();
  const campaign = (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
  expect(campaign).toMatchObject({ status: 'sending', progress: { phase: 'wait' } });
  return recipientsOf(api.call, campaignId);
}

async function clickAll(recipients: Array<{ messageId?: string }>) {
  for (const r of recipients) await sesEvent(api.call, r.messageId!, 'Click', { link: 'https://shop.example.com/b' });
  await drain();
}

describe('A/B-tested campaigns: validation', () => {
  it('refuses a malformed test with 400 problem+json naming the field', async () => {
    const tag = uniqueTag();
    await givenContacts(api.call, 1, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const bad = async (test: Record<string, unknown>) => {
      const res = await api.call('POST', '/v1/campaigns', { body: { name: 'x', type: 'newsletter', subject: 's', html: 'h', text: 't', audience: { segmentId }, abTest: test } });
      expect(res.status, JSON.stringify(test)).toBe(400);
      expect(res.headers.get('content-type')).toContain('application/problem+json');
      return res.body;
    };
    await bad(abTest({ variants: [{ id: 'a' }] }));
    await bad(abTest({ variants: [1, 2, 3, 4, 5, 6].map((i) => ({ id: `v${i}` })) }));
    await bad(abTest({ testShare: 5 }));
    await bad(abTest({ winnerMetric: 'likes' }));
    await bad(abTest({ testDuration: 'two hours' }));
    await bad(abTest({ testDuration: 'P40D' }));
    expect(JSON.stringify(await bad(abTest({ fallbackVariant: 'z' })))).toContain('fallbackVariant');
    expect(JSON.stringify(await bad(abTest({ variants: [{ id: 'a' }, { id: 'a' }] })))).toContain('variant ids must differ');
    const typo = await bad(abTest({ variants: [{ id: 'a' }, { id: 'b', subject: 'Hi {{first_name}}' }] }));
    expect(typo).toMatchObject({ code: 'validation_failed', unknownPlaceholders: ['first_name'] });
    expect(typo.errors[0].path).toBe('abTest.variants.1.subject');
    // Hours are fine too; PATCH null removes the test.
    const ok = await givenCampaign(api.call, { audience: { segmentId }, abTest: abTest({ testDuration: 2 }) });
    expect((await api.call('GET', `/v1/campaigns/${ok.id}`)).body.abTest).toMatchObject({ testDuration: 2, fallbackVariant: 'a' });
    expect((await api.call('PATCH', `/v1/campaigns/${ok.id}`, { body: { abTest: null } })).body.abTest).toBeUndefined();
    expect((await api.call('GET', `/v1/campaigns/${ok.id}/ab-test`)).status).toBe(404);
  });
});

describe('A/B-tested campaigns: sending, deciding, sending the rest', () => {
  it('sends the test share by stable assignment, decides the significant winner only after the test length, then mails the rest the winner once', async () => {
    const { people, campaignId } = await givenAbCampaign(80, abTest());
    const test = await sendTestShare(campaignId);

    // Exactly the contacts the hash puts in the test share got a recipient, each in its variant; the rest waits.
    const expected = people.map((p) => ({ ...p, at: assign(campaignId, p.id, 50, ['a', 'b']) }));
    const inTest = expected.filter((p) => p.at.group === 'test');
    const rest = expected.filter((p) => p.at.group === 'rest');
    expect(test.map((r) => r.contactId).sort()).toEqual(inTest.map((p) => p.id).sort());
    for (const r of test) expect(r).toMatchObject({ status: 'sent', abGroup: 'test', variant: (expected.find((p) => p.id === r.contactId)!.at as { variant: string }).variant });
    const mail = await mailFor(api.mailUrl, people.map((p) => p.email));
    for (const p of inTest) {
      expect(mail.get(p.email), p.email).toHaveLength(1);
      expect(mail.get(p.email)![0]!.subject.startsWith(`${(p.at as { variant: string }).variant.toUpperCase()}: `)).toBe(true);
    }
    for (const p of rest) expect(mail.get(p.email), p.email).toHaveLength(0);

    // B's recipients all click, A's none; machine opens are counted apart from people's.
    const [a, b] = (['a', 'b'] as const).map((v) => test.filter((r) => r.variant === v));
    expect(a!.length).toBeGreaterThanOrEqual(4);
    expect(b!.length).toBeGreaterThanOrEqual(4);
    await clickAll(b!);
    const since = (r: { sentAt?: string }, ms: number) => new Date(Date.parse(r.sentAt!) + ms).toISOString();
    // Apple's privacy proxy; then a browser 2 s after the send (a prefetch: no person is that quick); then a person.
    await sesEvent(api.call, a![0]!.messageId!, 'Open', { userAgent: 'Mozilla/5.0', ipAddress: '17.58.101.7', timestamp: since(a![0]!, 60_000) });
    await sesEvent(api.call, a![1]!.messageId!, 'Open', { userAgent: BROWSER, timestamp: since(a![1]!, 2000) });
    await sesEvent(api.call, a![0]!.messageId!, 'Open', { userAgent: BROWSER, timestamp: since(a![0]!, HOUR / 2) });
    await drain();

    const live = await abOf(campaignId);
    expect(live).toMatchObject({ state: 'testing', decision: null, bestVariant: 'b', minimumSamplePerVariant: 4 });
    const figures = Object.fromEntries(live.variants.map((v: { id: string }) => [v.id, v]));
    expect(figures.a).toMatchObject({ recipients: a!.length, clicks: 0, opens: 1, machineOpens: 2 });
    expect(figures.b).toMatchObject({ recipients: b!.length, clicks: b!.length, opens: 0, rates: { click: 1 } });
    expect(live.rest).toMatchObject({ recipients: 0 });
    // The campaign's own unique opens count every first open, as before.
    expect((await api.call('GET', `/v1/campaigns/${campaignId}/stats`)).body.uniqueOpens).toBe(2);

    // Before the test length: no winner, however clear.
    await dueRun();
    expect((await api.call('GET', `/v1/campaigns/${campaignId}`)).body.abTestDecision).toBeUndefined();
    expect((await mailFor(api.mailUrl, rest.map((p) => p.email))).get(rest[0]!.email)).toHaveLength(0);

    // After it: B wins, and the rest gets B, once each.
    await dueRun(HOUR + 5000);
    const done = (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
    expect(done).toMatchObject({ status: 'sent', abTestDecision: { state: 'decided', variant: 'b' } });
    expect(done.abTestDecision.pValue).toBeLessThan(0.05);
    await dueRun(HOUR + 5000);
    const after = await mailFor(api.mailUrl, people.map((p) => p.email));
    for (const p of rest) {
      expect(after.get(p.email), p.email).toHaveLength(1);
      expect(after.get(p.email)![0]!.subject).toMatch(/^B: hello P\d+$/);
    }
    for (const p of inTest) expect(after.get(p.email), p.email).toHaveLength(1);
    const decided = await abOf(campaignId);
    expect(decided).toMatchObject({ state: 'decided', decision: { variant: 'b' }, significant: true });
    expect(decided.rest.recipients).toBe(rest.length);
    expect(decided.reason).toContain('b is best on click_rate');
    const all = await recipientsOf(api.call, campaignId);
    expect(all.filter((r) => r.abGroup === 'rest').every((r) => r.variant === 'b')).toBe(true);
  });

  it('sends the fallback when the difference is not significant', async () => {
    const { people, campaignId } = await givenAbCampaign(40, abTest({ fallbackVariant: 'b' }));
    const test = await sendTestShare(campaignId);
    const [a, b] = (['a', 'b'] as const).map((v) => test.filter((r) => r.variant === v));
    expect(Math.min(a!.length, b!.length)).toBeGreaterThanOrEqual(4);
    await clickAll([a![0]!, b![0]!]);
    await dueRun(HOUR + 5000);
    const done = (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
    expect(done).toMatchObject({ status: 'sent', abTestDecision: { state: 'fallback', variant: 'b' } });
    expect(done.abTestDecision.reason).toContain('no significant difference');
    const testIds = new Set(test.map((r) => r.contactId));
    const mail = await mailFor(api.mailUrl, people.map((p) => p.email));
    for (const p of people.filter((x) => !testIds.has(x.id))) {
      expect(mail.get(p.email), p.email).toHaveLength(1);
      expect(mail.get(p.email)![0]!.subject).toMatch(/^B: /);
    }
    expect((await abOf(campaignId)).state).toBe('fallback');
  });

  it('waits for the minimum sample past the test length, then falls back (a clear lead on a small sample is no winner)', async () => {
    // From 30 % a lift of 10 % needs thousands a variant: these few never reach it.
    const { campaignId } = await givenAbCampaign(40, abTest({ baselineRate: 0.3, minimumDetectableLift: 0.1 }));
    const test = await sendTestShare(campaignId);
    await clickAll(test.filter((r) => r.variant === 'b'));
    const waiting = await dueRun(HOUR + 5000, () => abOf(campaignId));
    expect(waiting).toMatchObject({ state: 'waiting_for_sample', decision: null, bestVariant: 'b', significant: true });
    expect(waiting.minimumSamplePerVariant).toBeGreaterThan(1000);
    expect((await api.call('GET', `/v1/campaigns/${campaignId}`)).body).toMatchObject({ status: 'sending', progress: { phase: 'wait' } });
    await dueRun(2 * HOUR + 5000);
    const done = (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
    expect(done).toMatchObject({ status: 'sent', abTestDecision: { state: 'fallback', variant: 'a' } });
    expect(done.abTestDecision.reason).toContain('minimum sample not reached');
  });

  it('decides on revenue per recipient from the campaign attribution (orders placed through the variants\' links)', async () => {
    const { people, campaignId } = await givenAbCampaign(40, abTest({ testShare: 80, winnerMetric: 'revenue_per_recipient' }));
    const test = await sendTestShare(campaignId);
    const event = await givenPublishedEvent(api.call);
    const ticketType = await givenTicketType(api.call, event.id);
    const buy = async (contactId: string, quantity: number) => {
      const campaignToken = await signRecipientToken({ campaignId, contactId });
      const res = await api.call('POST', `/v1/events/${event.id}/orders`, {
        role: null,
        body: { buyer: { email: buyerEmail('ab') }, items: [{ ticketTypeId: ticketType.id, quantity }], campaignToken },
      });
      expect(res.status).toBe(201);
      await pay(api.call, res.body);
    };
    const [a, b] = (['a', 'b'] as const).map((v) => test.filter((r) => r.variant === v));
    expect(Math.min(a!.length, b!.length)).toBeGreaterThanOrEqual(4);
    // Every B recipient buys 1–3 tickets (2,500 each); one A recipient buys one.
    for (const [i, r] of b!.entries()) await buy(r.contactId, (i % 3) + 1);
    await buy(a![0]!.contactId, 1);
    await drain();

    const live = await abOf(campaignId);
    const figures = Object.fromEntries(live.variants.map((v: { id: string }) => [v.id, v]));
    const bRevenue = b!.reduce((sum, _, i) => sum + ((i % 3) + 1) * 2500, 0);
    expect(figures.b).toMatchObject({ purchases: b!.length, buyers: b!.length, revenue: { amount: bRevenue, currency: 'EUR' } });
    expect(figures.a).toMatchObject({ purchases: 1, buyers: 1, revenue: { amount: 2500, currency: 'EUR' } });
    expect(figures.b.rates.revenuePerRecipient).toBeCloseTo(bRevenue / b!.length, 2);

    await dueRun(HOUR + 5000);
    const done = (await api.call('GET', `/v1/campaigns/${campaignId}`)).body;
    expect(done).toMatchObject({ status: 'sent', abTestDecision: { state: 'decided', variant: 'b' } });
    const testIds = new Set(test.map((r) => r.contactId));
    const mail = await mailFor(api.mailUrl, people.map((p) => p.email));
    for (const p of people) expect(mail.get(p.email), p.email).toHaveLength(1);
    for (const p of people.filter((x) => !testIds.has(x.id))) expect(mail.get(p.email)![0]!.subject).toMatch(/^B: /);
  });

  it("holds a variant's test mails until its send time, then starts the test length", async () => {
    const later = new Date(Date.now() + HOUR).toISOString();
    const { people, campaignId } = await givenAbCampaign(30, abTest({ testShare: 100, variants: [{ id: 'a', subject: 'A: now' }, { id: 'b', subject: 'B: later', sendAt: later }] }));
    expect((await api.call('POST', `/v1/campaigns/${campaignId}/send`)).status).toBe(202);
    await drain();
    // A is out, B waits for its time: the send sits in its finish phase, due at B's time.
    expect((await api.call('GET', `/v1/campaigns/${campaignId}`)).body).toMatchObject({ status: 'sending', progress: { phase: 'finish' } });
    const early = await recipientsOf(api.call, campaignId);
    expect(early.filter((r) => r.variant === 'a').every((r) => r.status === 'sent')).toBe(true);
    expect(early.filter((r) => r.variant === 'b').every((r) => r.status === 'pending')).toBe(true);
    const mail = await mailFor(api.mailUrl, people.map((p) => p.email));
    expect([...mail.values()].flat().map((m) => m.subject).every((subject) => subject === 'A: now')).toBe(true);

    const waiting = await dueRun(HOUR + 5000, async () => (await api.call('GET', `/v1/campaigns/${campaignId}`)).body);
    expect(waiting).toMatchObject({ status: 'sending', progress: { phase: 'wait' } });
    // The test length runs from when the last test mail went out.
    expect(Date.parse(waiting.abTestEndsAt)).toBeGreaterThanOrEqual(Date.parse(later) + HOUR);
    const all = await mailFor(api.mailUrl, people.map((p) => p.email));
    for (const p of people) expect(all.get(p.email), p.email).toHaveLength(1);
  });
});
