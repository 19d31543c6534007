import { afterEach, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenLink, givenPromoter } from '../support/promoter-fixtures.ts';
import { buyerEmail, givenPublishedEvent, hours, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

/**
 * The anonymous promoter-link routes count each request per client ip and per
 * link in DynamoDB (one conditional counter per window). Limits are lowered
 * here through their RATE_LIMIT_<NAME> overrides, read at each request. Fixed
 * 60-second windows: a run crossing a window's edge may let through twice the
 * limit, never more, which the counts below allow.
 */
afterEach(() => {
  delete process.env.RATE_LIMIT_GUEST_SIGNUP_PER_IP;
  delete process.env.RATE_LIMIT_LINK_CLICK_PER_LINK;
});

function expectRateLimited(res: { status: number; body: { code?: string; status?: number }; headers: Headers }) {
  expect(res.status).toBe(429);
  expect(res.body).toMatchObject({ code: 'rate_limited', status: 429 });
  expect(res.headers.get('content-type')).toContain('application/problem+json');
  const retryAfter = Number(res.headers.get('retry-after'));
  expect(retryAfter).toBeGreaterThanOrEqual(1);
  expect(retryAfter).toBeLessThanOrEqual(60);
}

describe('rate limits on the public promoter-link routes', () => {
  it('guest sign-ups from one ip: past the limit, 429 rate_limited with Retry-After, and no guest written', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await api.call('POST', `/v1/events/${event.id}/guest-lists`, { body: { name: 'Doors', tiers: [{ tierId: 'free', name: 'Free entry', quota: 100, deadline: hours(40) }] } });
    const { promoter } = await givenPromoter(api.call);
    const link = await givenLink(api.call, promoter.id, event.id, { guestListId: list.body.id, tierId: 'free' });
    process.env.RATE_LIMIT_GUEST_SIGNUP_PER_IP = '3';

    const answers = [];
    for (let i = 0; i < 10; i++) answers.push(await api.call('POST', `/v1/promoter-links/${link.slug}/guests`, { role: null, body: { name: `Guest ${i}`, email: buyerEmail(`limit${i}`) } }));
    const counts = tally(answers);
    expect(Object.keys(counts).sort()).toEqual(['201', '429 rate_limited']);
    expect(counts['201']).toBeLessThanOrEqual(6);
    expectRateLimited(answers.find((a) => a.status === 429)!);
    const guests = await api.call('GET', `/v1/guest-lists/${list.body.id}/guests?limit=100`);
    expect(guests.body.items).toHaveLength(counts['201']!);
  });

  it('clicks on one link: past the per-link limit, 429 while another link still answers', async () => {
    const event = await givenPublishedEvent(api.call);
    const { promoter } = await givenPromoter(api.call);
    const busy = await givenLink(api.call, promoter.id, event.id);
    const quiet = await givenLink(api.call, promoter.id, event.id);
    process.env.RATE_LIMIT_LINK_CLICK_PER_LINK = '4';

    const answers = await Promise.all(Array.from({ length: 12 }, () => api.call('GET', `/v1/promoter-links/${busy.slug}/click`, { role: null })));
    const counts = tally(answers);
    expect(counts['200']).toBeGreaterThanOrEqual(1);
    expect(counts['200']).toBeLessThanOrEqual(8);
    expect(counts['200']! + counts['429 rate_limited']!).toBe(12);
    expectRateLimited(answers.find((a) => a.status === 429)!);
    expect((await api.call('GET', `/v1/promoter-links/${quiet.slug}/click`, { role: null })).status).toBe(200);
  });
});
