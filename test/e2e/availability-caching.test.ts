import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { countsOf, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

/**
 * The storefront's availability is a public GET cached 5 s (the route's
 * `cache`, packages/http/http-caching.ts): through the local HTTP API it
 * answers with an ETag and `Cache-Control: public, max-age=5`, a 304 without
 * a body while the ETag still names what it would answer, and a 200 with a
 * new ETag once a sale has changed the counts.
 */
describe('availability through the HTTP API: ETag, Cache-Control, 304', () => {
  it('200 with an ETag, 304 on a match, a new ETag after a sale', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10 });
    const get = (headers: Record<string, string> = {}) => api.call('GET', `/v1/events/${event.id}/availability`, { role: null, headers });

    const first = await get();
    expect(first.status).toBe(200);
    expect(countsOf(first.body, type.id)).toMatchObject({ capacity: 10, sold: 0, available: 10 });
    const etag = first.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(first.headers.get('cache-control')).toBe('public, max-age=5');

    const unchanged = await get({ 'if-none-match': etag });
    expect(unchanged.status).toBe(304);
    expect(unchanged.body).toBe('');
    expect(unchanged.headers.get('etag')).toBe(etag);
    expect(unchanged.headers.get('cache-control')).toBe('public, max-age=5');
    // Any tag of a list, and a weak form of it, match as well (RFC 9110 If-None-Match).
    expect((await get({ 'if-none-match': `"elsewhere", W/${etag}` })).status).toBe(304);

    await givenPaidOrder(api.call, event.id, type.id);
    // The read is eventually consistent: wait until the sale shows.
    let after = await get({ 'if-none-match': etag });
    while (after.status === 304 || countsOf(after.body, type.id).sold !== 1) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      after = await get({ 'if-none-match': etag });
    }
    expect(after.status).toBe(200);
    expect(countsOf(after.body, type.id)).toMatchObject({ capacity: 10, sold: 1, available: 9 });
    const newTag = after.headers.get('etag')!;
    expect(newTag).toMatch(/^".+"$/);
    expect(newTag).not.toBe(etag);
    expect(after.headers.get('cache-control')).toBe('public, max-age=5');
    expect((await get({ 'if-none-match': newTag })).status).toBe(304);
  });
});
