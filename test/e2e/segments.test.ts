import { afterEach, describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { unknownId } from '../support/sales-fixtures.ts';
import { countOf, givenContact, givenSegment, memberIds, setFacts, sorted, storedMembers, uniqueTag } from '../support/segment-fixtures.ts';

const api = useTestApi();

afterEach(() => {
  delete process.env.SEGMENT_BUILD_CHUNK;
});

describe('segments API', () => {
  it('POST answers 201 building; the build makes it ready with builtAt', async () => {
    const tag = uniqueTag();
    await givenContact(api.call, { tags: [tag] });
    const res = await api.call('POST', '/v1/segments', { body: { name: 'VIPs', description: 'Front row', filter: { tag } } });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ name: 'VIPs', description: 'Front row', filter: { tag }, status: 'building', memberCount: 0, version: 1 });
    await api.bus.drain();
    const got = await api.call('GET', `/v1/segments/${res.body.id}`);
    expect(got.status).toBe(200);
    expect(got.body).toMatchObject({ id: res.body.id, status: 'ready', memberCount: 1, version: 1 });
    expect(got.body.builtAt).toEqual(expect.any(String));
    expect(await countOf(api.call, res.body.id)).toEqual({ count: 1, status: 'ready', builtAt: got.body.builtAt });
  });

  it('refuses a filter without criteria, unknown fields of the wrong type, and an unknown lead status (400)', async () => {
    for (const filter of [{}, { minEngagementScore: 'high' }, { leadStatus: 'hot' }, { minLifetimeValue: { amount: 10 } }]) {
      const res = await api.call('POST', '/v1/segments', { body: { name: 'Bad', filter } });
      expect(res.status, JSON.stringify(filter)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
  });

  it('lists segments with pagination and 404s an unknown one', async () => {
    await givenSegment(api.call, { tag: uniqueTag() }, 'A');
    await givenSegment(api.call, { tag: uniqueTag() }, 'B');
    const first = await api.call('GET', '/v1/segments?limit=1');
    expect(first.status).toBe(200);
    expect(first.body.items).toHaveLength(1);
    expect(first.body.nextCursor).toEqual(expect.any(String));
    const all = await api.call('GET', '/v1/segments?limit=100');
    expect(all.body.items.length).toBeGreaterThanOrEqual(2);
    for (const path of [`/v1/segments/${unknownId}`, `/v1/segments/${unknownId}/count`, `/v1/segments/${unknownId}/contacts`]) {
      const res = await api.call('GET', path);
      expect(res.status, path).toBe(404);
    }
    expect((await api.call('GET', '/v1/segments/nope/contacts?cursor=!!')).status).toBe(400);
  });

  it('needs segments:read to read and segments:write to change', async () => {
    const segment = await givenSegment(api.call, { tag: uniqueTag() });
    expect((await api.call('GET', `/v1/segments/${segment.id}`, { role: 'scanner' })).status).toBe(403);
    expect((await api.call('POST', '/v1/segments', { role: 'scanner', body: { name: 'x', filter: { tag: 'x' } } })).status).toBe(403);
    expect((await api.call('GET', `/v1/segments/${segment.id}/count`, { role: null })).status).toBe(401);
  });

  it('PATCH of name only keeps the version and the membership; a new filter rebuilds (version + 1)', async () => {
    const [a, b] = [uniqueTag('a'), uniqueTag('b')];
    const inA = await givenContact(api.call, { tags: [a] });
    const inB = await givenContact(api.call, { tags: [b] });
    const segment = await givenSegment(api.call, { tag: a });
    await api.bus.drain();

    const renamed = await api.call('PATCH', `/v1/segments/${segment.id}`, { body: { name: 'Renamed', filter: { tag: a } } });
    expect(renamed.status).toBe(200);
    expect(renamed.body).toMatchObject({ name: 'Renamed', version: 1, status: 'ready', memberCount: 1 });

    const refiltered = await api.call('PATCH', `/v1/segments/${segment.id}`, { body: { filter: { tag: b } } });
    expect(refiltered.status).toBe(200);
    expect(refiltered.body).toMatchObject({ version: 2, status: 'building', filter: { tag: b } });
    await api.bus.drain();
    expect(await memberIds(api.call, segment.id)).toEqual([inB.id]);
    expect(await countOf(api.call, segment.id)).toMatchObject({ count: 1, status: 'ready' });
    expect(inA.id).not.toBe(inB.id);
  });

  it('DELETE answers 204, the segment is gone and its member items are purged', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '3';
    const tag = uniqueTag();
    for (let i = 0; i < 8; i++) await givenContact(api.call, { tags: [tag] });
    const segment = await givenSegment(api.call, { tag });
    await api.bus.drain();
    expect(await storedMembers(segment.id)).toHaveLength(8);
    expect((await api.call('DELETE', `/v1/segments/${segment.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/segments/${segment.id}`)).status).toBe(404);
    expect((await api.call('DELETE', `/v1/segments/${segment.id}`)).status).toBe(404);
    await api.bus.drain();
    expect(await storedMembers(segment.id)).toEqual([]);
  });
});

describe('building over existing contacts', () => {
  it('evaluates every contact in chunks (continuation) and pages members in creation order', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '7';
    const tag = uniqueTag('vip');
    const expected: string[] = [];
    for (let i = 0; i < 30; i++) {
      const contact = await givenContact(api.call, { tags: i % 3 === 0 ? [tag, 'other'] : ['other'] });
      if (i % 3 === 0) expected.push(contact.id);
    }
    await api.bus.drain();
    const segment = await givenSegment(api.call, { tag });
    await api.bus.drain();

    expect(await countOf(api.call, segment.id)).toMatchObject({ count: 10, status: 'ready' });
    const firstPage = await api.call('GET', `/v1/segments/${segment.id}/contacts?limit=4`);
    expect(firstPage.body.items.map((c: { id: string }) => c.id)).toEqual(expected.slice(0, 4));
    expect(firstPage.body.items[0]).toMatchObject({ id: expected[0], tags: expect.arrayContaining([tag]) });
    expect(await memberIds(api.call, segment.id, 3)).toEqual(expected);
    expect(sorted(await storedMembers(segment.id))).toEqual(sorted(expected));
  });
});

describe('each criterion', () => {
  it('tag, minEngagementScore, minLifetimeValue, leadStatus and marketingConsent — built and kept live', async () => {
    const scope = uniqueTag('crit');
    const ana = await givenContact(api.call, { tags: [scope, 'vip'], marketingConsent: true });
    const bob = await givenContact(api.call, { tags: [scope] });
    const cleo = await givenContact(api.call, { tags: [scope], marketingConsent: false });
    await setFacts(ana.id, { engagementScore: 50, lifetimeValueAmount: 20_000, lifetimeValueCurrency: 'EUR', leadStatus: 'qualified' });
    await setFacts(bob.id, { engagementScore: 10, lifetimeValueAmount: 5_000, lifetimeValueCurrency: 'EUR', leadStatus: 'new' });
    await setFacts(cleo.id, { engagementScore: 30, lifetimeValueAmount: 50_000, lifetimeValueCurrency: 'USD' });
    await api.bus.drain();

    const cases: Array<[Record<string, unknown>, string[]]> = [
      [{ tag: 'vip' }, [ana.id]],
      [{ minEngagementScore: 30 }, [ana.id, cleo.id]],
      [{ minLifetimeValue: { amount: 5_000, currency: 'EUR' } }, [ana.id, bob.id]],
      [{ minLifetimeValue: { amount: 10_000, currency: 'USD' } }, [cleo.id]],
      [{ leadStatus: 'new' }, [bob.id]],
      [{ marketingConsent: true }, [ana.id]],
      [{ marketingConsent: false }, [bob.id, cleo.id]],
      [{ minEngagementScore: 20, marketingConsent: false }, [cleo.id]],
    ];
    const segments = await Promise.all(cases.map(([filter]) => givenSegment(api.call, { tag: scope, ...filter })));
    await api.bus.drain();
    for (const [i, [filter, expected]] of cases.entries()) {
      expect(sorted(await memberIds(api.call, segments[i]!.id)), JSON.stringify(filter)).toEqual(sorted(expected));
      expect((await countOf(api.call, segments[i]!.id)).count, JSON.stringify(filter)).toBe(expected.length);
    }

    // The facts change (a consumer would emit contact.updated; a PATCH does here): membership follows.
    await setFacts(bob.id, { engagementScore: 35, leadStatus: 'contacted' });
    expect((await api.call('PATCH', `/v1/contacts/${bob.id}`, { body: { firstName: 'Bob' } })).status).toBe(200);
    expect((await api.call('PATCH', `/v1/contacts/${ana.id}`, { body: { marketingConsent: false } })).status).toBe(200);
    await api.bus.drain();
    const live: Array<[number, string[]]> = [
      [1, [ana.id, bob.id, cleo.id]],
      [4, []],
      [5, []],
      [6, [ana.id, bob.id, cleo.id]],
      [7, [ana.id, bob.id, cleo.id]],
    ];
    for (const [i, expected] of live) {
      expect(sorted(await memberIds(api.call, segments[i]!.id)), JSON.stringify(cases[i]![0])).toEqual(sorted(expected));
      expect((await countOf(api.call, segments[i]!.id)).count).toBe(expected.length);
    }
  });
});

describe('live membership', () => {
  it('follows tags, trash, restore and a hard delete', async () => {
    const tag = uniqueTag('live');
    const segment = await givenSegment(api.call, { tag });
    const contact = await givenContact(api.call, { tags: ['other'] });
    await api.bus.drain();
    expect(await memberIds(api.call, segment.id)).toEqual([]);

    const step = async (method: string, path: string, body?: unknown) => {
      const res = await api.call(method, path, body === undefined ? {} : { body });
      expect(res.status, `${method} ${path}: ${JSON.stringify(res.body)}`).toBeLessThan(300);
      await api.bus.drain();
      return { members: await memberIds(api.call, segment.id), count: (await countOf(api.call, segment.id)).count };
    };

    expect(await step('PATCH', `/v1/contacts/${contact.id}`, { tags: ['other', tag] })).toEqual({ members: [contact.id], count: 1 });
    expect(await step('PATCH', `/v1/contacts/${contact.id}`, { tags: ['other'] })).toEqual({ members: [], count: 0 });
    expect(await step('PATCH', `/v1/contacts/${contact.id}`, { tags: [tag] })).toEqual({ members: [contact.id], count: 1 });
    expect(await step('DELETE', `/v1/contacts/${contact.id}`)).toEqual({ members: [], count: 0 });
    expect(await step('POST', `/v1/contacts/${contact.id}/restore`)).toEqual({ members: [contact.id], count: 1 });

    const created = await givenContact(api.call, { tags: [tag] });
    await api.bus.drain();
    expect(await memberIds(api.call, segment.id)).toEqual([contact.id, created.id]);
    expect(await step('DELETE', `/v1/contacts/${contact.id}`)).toEqual({ members: [created.id], count: 1 });
    expect(await step('DELETE', `/v1/contacts/${contact.id}/permanent`)).toEqual({ members: [created.id], count: 1 });
    expect(await storedMembers(segment.id)).toEqual([created.id]);
  });
});
