import { beforeAll, describe, expect, it } from 'vitest';
import { newId } from '#packages/core/ids.ts';
import { givenAttendance, givenCompany, givenContact, givenScore, ids, type ContactBody } from '../support/contact-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

/**
 * Five contacts (c5 then trashed) with distinct scores, two companies, tags,
 * lead sources and one attended event; every filter and sort is read against them.
 */
const eventId = newId();
let acme: { id: string };
let globex: { id: string };
let c1: ContactBody, c2: ContactBody, c3: ContactBody, c4: ContactBody, c5: ContactBody;
let ours: Set<string>;

const list = async (query: string) => {
  const res = await api.call('GET', `/v1/contacts?${query}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return ids(res).filter((id) => ours.has(id));
};

beforeAll(async () => {
  acme = await givenCompany(api.call, { name: 'Acme', domain: 'acme-filters.com' });
  globex = await givenCompany(api.call, { name: 'Globex', domain: 'globex-filters.com' });
  c1 = await givenContact(api.call, { email: 'c1@filters.test', tags: ['VIP'], leadSource: 'web', companyId: acme.id });
  c2 = await givenContact(api.call, { email: 'c2@filters.test', tags: ['vip', 'press'], leadSource: 'referral', companyId: globex.id });
  c3 = await givenContact(api.call, { email: 'c3@filters.test', tags: ['newsletter'], leadSource: 'Web', companyId: acme.id });
  c4 = await givenContact(api.call, { email: 'c4@filters.test' });
  c5 = await givenContact(api.call, { email: 'c5@filters.test', tags: ['vip'], leadSource: 'web', companyId: acme.id });
  ours = new Set([c1, c2, c3, c4, c5].map((c) => c.id));
  // Scores that sort wrongly as text: 5 > 50 > 500 lexically.
  await givenScore(c1.id, 5);
  await givenScore(c2.id, 500);
  await givenScore(c3.id, 50);
  await givenScore(c5.id, 60);
  for (const c of [c1, c3, c5]) await givenAttendance(eventId, c.id);
  expect((await api.call('DELETE', `/v1/contacts/${c5.id}`)).status).toBe(204);
});

describe('GET /v1/contacts filters (the trashed c5 matches them all and must never show)', () => {
  it('lists active contacts oldest first, and newest first with sort=-createdAt', async () => {
    expect(await list('limit=100')).toEqual([c1.id, c2.id, c3.id, c4.id]);
    expect(await list('limit=100&sort=createdAt')).toEqual([c1.id, c2.id, c3.id, c4.id]);
    expect(await list('limit=100&sort=-createdAt')).toEqual([c4.id, c3.id, c2.id, c1.id]);
  });

  it('filters by companyId (gsi3), in both creation orders', async () => {
    expect(await list(`companyId=${acme.id}`)).toEqual([c1.id, c3.id]);
    expect(await list(`companyId=${acme.id}&sort=-createdAt`)).toEqual([c3.id, c1.id]);
    expect(await list(`companyId=${globex.id}`)).toEqual([c2.id]);
  });

  it('filters by tag in any case (contactTag items)', async () => {
    expect(await list('tag=vip')).toEqual([c1.id, c2.id]);
    expect(await list('tag=VIP&sort=-createdAt')).toEqual([c2.id, c1.id]);
    expect(await list('tag=nobody')).toEqual([]);
  });

  it('filters by leadSource in any case (gsi4)', async () => {
    expect(await list('leadSource=web')).toEqual([c1.id, c3.id]);
    expect(await list('leadSource=WEB')).toEqual([c1.id, c3.id]);
    expect(await list('leadSource=referral')).toEqual([c2.id]);
  });

  it('filters by attended event (eventAttendee, then BatchGet)', async () => {
    expect(await list(`attendedEventId=${eventId}`)).toEqual([c1.id, c3.id]);
    expect(await list(`attendedEventId=${newId()}`)).toEqual([]);
  });

  it('sorts by engagementScore numerically (5, 50, 500), both ways', async () => {
    expect(await list('limit=100&sort=engagementScore')).toEqual([c4.id, c1.id, c3.id, c2.id]);
    expect(await list('limit=100&sort=-engagementScore')).toEqual([c2.id, c3.id, c1.id, c4.id]);
  });

  it('serves a score range as a key condition, bounds included', async () => {
    expect(await list('minScore=5&maxScore=500')).toEqual([c1.id, c3.id, c2.id]);
    expect(await list('minScore=50&maxScore=50')).toEqual([c3.id]);
    expect(await list('minScore=6&maxScore=499')).toEqual([c3.id]);
    expect(await list('maxScore=50&sort=-engagementScore')).toEqual([c3.id, c1.id, c4.id]);
    expect(await list('minScore=51')).toEqual([c2.id]);
  });

  it('pages a score-sorted list one contact at a time, interleaving correctly', async () => {
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { status: number; body: { items: { id: string; engagementScore: number }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/v1/contacts?minScore=1&sort=engagementScore&limit=1${cursor ? `&cursor=${cursor}` : ''}`,
      );
      expect(res.status).toBe(200);
      seen.push(...res.body.items.map((c) => `${c.id}:${c.engagementScore}`));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen).toEqual([`${c1.id}:5`, `${c3.id}:50`, `${c2.id}:500`]);
  });

  it('combines filters: one index drives, the others filter', async () => {
    expect(await list(`tag=vip&companyId=${acme.id}`)).toEqual([c1.id]);
    expect(await list(`tag=vip&leadSource=referral`)).toEqual([c2.id]);
    expect(await list(`companyId=${acme.id}&leadSource=web`)).toEqual([c1.id, c3.id]);
    expect(await list(`attendedEventId=${eventId}&tag=newsletter`)).toEqual([c3.id]);
    expect(await list(`minScore=1&companyId=${acme.id}`)).toEqual([c1.id, c3.id]);
    expect(await list(`sort=-engagementScore&tag=vip`)).toEqual([c2.id, c1.id]);
    expect(await list(`sort=-engagementScore&attendedEventId=${eventId}`)).toEqual([c3.id, c1.id]);
    expect(await list(`minScore=1&leadSource=web&tag=newsletter`)).toEqual([c3.id]);
  });

  it('pages a filtered list without loss or repeat', async () => {
    const first = await api.call('GET', '/v1/contacts?tag=vip&limit=1');
    expect(ids(first)).toEqual([c1.id]);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const second = await api.call('GET', `/v1/contacts?tag=vip&limit=1&cursor=${first.body.nextCursor}`);
    expect(ids(second)).toEqual([c2.id]);
    if (second.body.nextCursor) {
      const third = await api.call('GET', `/v1/contacts?tag=vip&limit=1&cursor=${second.body.nextCursor}`);
      expect(third.body).toEqual({ items: [], nextCursor: null });
    }
  });

  it('checks the other filters on an email lookup too', async () => {
    expect(await list('email=C1@filters.test')).toEqual([c1.id]);
    expect(await list('email=c1@filters.test&tag=vip')).toEqual([c1.id]);
    expect(await list('email=c1@filters.test&tag=newsletter')).toEqual([]);
    expect(await list('email=c1@filters.test&minScore=6')).toEqual([]);
    expect(await list('email=c5@filters.test')).toEqual([]);
  });

  it('refuses an unknown sort with a 400 that names the sorts it has', async () => {
    const res = await api.call('GET', '/v1/contacts?sort=lastName');
    expect(res.status).toBe(400);
    expect(res.headers.get('content-type')).toContain('application/problem+json');
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors[0].path).toBe('query.sort');
    expect(res.body.errors[0].message).toContain('-engagementScore');
  });

  it('refuses a score range sorted by creation, and an inverted range', async () => {
    const mixed = await api.call('GET', '/v1/contacts?minScore=10&sort=-createdAt');
    expect(mixed.status).toBe(400);
    expect(mixed.body).toMatchObject({ code: 'unsupported_sort' });
    expect(mixed.body.detail).toContain('sort=engagementScore');
    const inverted = await api.call('GET', '/v1/contacts?minScore=10&maxScore=5');
    expect(inverted.status).toBe(400);
    expect(inverted.body.errors[0].path).toBe('query.maxScore');
    expect((await api.call('GET', '/v1/contacts?minScore=-1')).status).toBe(400);
  });

  it('refuses a cursor made for other filters, and a forged one', async () => {
    const page = await api.call('GET', '/v1/contacts?tag=vip&limit=1');
    const reused = await api.call('GET', `/v1/contacts?leadSource=web&limit=1&cursor=${page.body.nextCursor}`);
    expect(reused.status).toBe(400);
    expect(reused.body.code).toBe('invalid_cursor');
    const forged = Buffer.from(JSON.stringify({ pk: 'x' })).toString('base64url');
    expect((await api.call('GET', `/v1/contacts?cursor=${forged}`)).body.code).toBe('invalid_cursor');
    // A real cursor, doctored: it is sealed, so any change is 400, never a key DynamoDB sees.
    const real = (await api.call('GET', '/v1/contacts?limit=1')).body.nextCursor as string;
    const at = Math.floor(real.length / 2);
    const doctored = await api.call('GET', `/v1/contacts?limit=1&cursor=${real.slice(0, at)}${real[at] === 'A' ? 'B' : 'A'}${real.slice(at + 1)}`);
    expect(doctored.status).toBe(400);
    expect(doctored.body.code).toBe('invalid_cursor');
  });
});
