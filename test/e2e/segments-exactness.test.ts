import type { EventBridgeEvent } from 'aws-lambda';
import { afterEach, describe, expect, it } from 'vitest';
import { handler as refreshHandler } from '#functions/consumers/segments-refresh-contact.ts';
import { handler as buildHandler } from '#functions/consumers/segments-build.ts';
import { db } from '#packages/core/db/service.ts';
import { buildSegmentChunk } from '#packages/features/segments/build-segment.ts';
import { applyFlips } from '#packages/features/segments/membership-writes.ts';
import { refreshContactMemberships } from '#packages/features/segments/refresh-contact.ts';
import { useTestApi } from '../support/local-api.ts';
import { countOf, givenContact, givenSegment, memberIds, sorted, storedMembers, uniqueTag } from '../support/segment-fixtures.ts';

const api = useTestApi();
const lambdaContext = { awsRequestId: 'test', functionName: 'test', getRemainingTimeInMillis: () => 30_000 };

afterEach(() => {
  delete process.env.SEGMENT_BUILD_CHUNK;
});

type BusEvent = EventBridgeEvent<string, { data: Record<string, unknown> }>;
const recentOf = (detailType: string, where: (data: Record<string, unknown>) => boolean) =>
  (api.bus.recent as BusEvent[]).filter((e) => e['detail-type'] === detailType && where(e.detail.data));

/** The count, the member items and the API's member list all agree with `expected`. */
async function expectExactly(segmentId: string, expected: readonly string[]) {
  expect(sorted(await storedMembers(segmentId))).toEqual(sorted(expected));
  expect(sorted(await memberIds(api.call, segmentId))).toEqual(sorted(expected));
  expect((await countOf(api.call, segmentId)).count).toBe(expected.length);
}

async function tagsOf(ids: readonly string[]): Promise<Map<string, string[]>> {
  const { data } = await db().entities.contact.get(ids.map((contactId) => ({ contactId }))).go({ consistent: true });
  return new Map(data.map((c) => [c.contactId, c.tags ?? []]));
}

describe('exact counts under concurrency', () => {
  it('concurrent tag changes while the segment builds end with the exact membership and count', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '5';
    const tag = uniqueTag('race');
    const contacts = [];
    for (let i = 0; i < 24; i++) contacts.push(await givenContact(api.call, { tags: i % 2 ? [tag] : ['other'] }));
    await api.bus.drain();

    // The build and 48 edits (two per contact, racing each other) all at once.
    const [segment] = await Promise.all([
      givenSegment(api.call, { tag }),
      ...contacts.map((c, i) => api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: i % 3 ? [tag, 'x'] : ['x'] } })),
      ...contacts.map((c, i) => api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: i % 4 ? [tag] : ['y'] } })),
    ]);
    await api.bus.drain();
    expect(api.bus.deadLetters.filter((d) => d.consumer.startsWith('segments-'))).toEqual([]);

    const tags = await tagsOf(contacts.map((c) => c.id));
    const expected = contacts.filter((c) => tags.get(c.id)?.includes(tag)).map((c) => c.id);
    expect(expected.length).toBeGreaterThan(0);
    expect(expected.length).toBeLessThan(24);
    await expectExactly(segment.id, expected);
    expect((await countOf(api.call, segment.id)).status).toBe('ready');
  }, 240_000);

  it('many refreshes of one contact at once count it once', async () => {
    const tag = uniqueTag('dup');
    const segment = await givenSegment(api.call, { tag });
    await api.bus.drain();
    const contact = await givenContact(api.call, { tags: [tag] });
    await Promise.all(Array.from({ length: 12 }, () => refreshContactMemberships(contact.id)));
    await api.bus.drain();
    await expectExactly(segment.id, [contact.id]);
  });
});

describe('redelivery and reordering', () => {
  it('redelivered contact events, in any order and in parallel, change nothing', async () => {
    const tag = uniqueTag('redeliver');
    const segment = await givenSegment(api.call, { tag });
    const stays = await givenContact(api.call, { tags: [tag] });
    const leaves = await givenContact(api.call, { tags: [tag] });
    await api.call('PATCH', `/v1/contacts/${leaves.id}`, { body: { tags: ['gone'] } });
    await api.bus.drain();
    await expectExactly(segment.id, [stays.id]);

    const events = recentOf('contact.updated', (d) => d.contactId === leaves.id || d.contactId === stays.id).concat(
      recentOf('contact.created', (d) => d.contactId === leaves.id || d.contactId === stays.id),
    );
    expect(events.length).toBeGreaterThanOrEqual(3);
    const replay = [...events, ...events.reverse(), ...events];
    await Promise.all(replay.map((e) => refreshHandler(e as never, lambdaContext as never)));
    await expectExactly(segment.id, [stays.id]);
  });

  it('a redelivered build request (old version, or a finished build) changes nothing', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '4';
    const [a, b] = [uniqueTag('a'), uniqueTag('b')];
    const inA = await givenContact(api.call, { tags: [a] });
    const inB = await givenContact(api.call, { tags: [b] });
    const segment = await givenSegment(api.call, { tag: a });
    await api.bus.drain();
    await api.call('PATCH', `/v1/segments/${segment.id}`, { body: { filter: { tag: b } } });
    await api.bus.drain();
    await expectExactly(segment.id, [inB.id]);

    const requests = recentOf('segment.build_requested', (d) => d.segmentId === segment.id);
    expect(requests.some((e) => e.detail.data.version === 1)).toBe(true);
    expect(requests.some((e) => e.detail.data.version === 2)).toBe(true);
    await Promise.all(requests.map((e) => buildHandler(e as never, lambdaContext as never)));
    await api.bus.drain();
    await expectExactly(segment.id, [inB.id]);
    expect(await buildSegmentChunk(segment.id, 1)).toBe('stale');
    expect(inA.id).not.toBe(inB.id);
  });
});

describe('builds resume', () => {
  it('duplicate deliveries of each build step and a crashed step (flips written, progress not saved) still end exact', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '6';
    const tag = uniqueTag('resume');
    const contacts = [];
    for (let i = 0; i < 25; i++) contacts.push(await givenContact(api.call, { tags: i % 5 === 4 ? ['other'] : [tag] }));
    const expected = contacts.filter((_, i) => i % 5 !== 4).map((c) => c.id);
    await api.bus.drain();

    api.bus.pause();
    const segment = await givenSegment(api.call, { tag });
    // A step that crashed after writing some of its flips: they are already there when the build runs.
    const { data: seg } = await db().entities.segment.get({ segmentId: segment.id }).go({ consistent: true });
    const { data: firstFew } = await db().entities.contact.get(expected.slice(0, 3).map((contactId) => ({ contactId }))).go({ consistent: true });
    await applyFlips(seg!, firstFew.map((c) => ({ contactId: c.contactId, join: true, contactUpdatedAt: c.updatedAt })));
    expect((await countOf(api.call, segment.id)).count).toBe(3);

    // Every step delivered three times at once, until the build is done.
    for (let steps = 0; steps < 200; steps++) {
      const outcomes = await Promise.all([1, 2, 3].map(() => buildSegmentChunk(segment.id, 1)));
      if (outcomes.includes('finished') || outcomes.every((o) => o === 'stale')) break;
    }
    api.bus.resume();
    await api.bus.drain();
    await expectExactly(segment.id, expected);
    expect((await countOf(api.call, segment.id)).status).toBe('ready');
  });

  it('builds in chunks: one continuation request per chunk of contacts', async () => {
    process.env.SEGMENT_BUILD_CHUNK = '7';
    const segment = await givenSegment(api.call, { tag: uniqueTag('chunks') });
    await api.bus.drain();
    const { data: active } = await db().entities.contact.query.all({ state: 'active' }).go({ pages: 'all', attributes: ['contactId'] });
    const requests = recentOf('segment.build_requested', (d) => d.segmentId === segment.id);
    expect(active.length).toBeGreaterThan(14);
    expect(requests.length).toBeGreaterThanOrEqual(Math.ceil(active.length / 7));
    expect(recentOf('segment.built', (d) => d.segmentId === segment.id)).toHaveLength(1);
  });
});

describe('a member whose contact vanished', () => {
  it('leaves every segment when its contact is gone (contact.deleted, or a missing item)', async () => {
    const tag = uniqueTag('vanish');
    const segment = await givenSegment(api.call, { tag });
    const contact = await givenContact(api.call, { tags: [tag] });
    await api.bus.drain();
    await expectExactly(segment.id, [contact.id]);
    await db().entities.contact.delete({ contactId: contact.id }).go();
    await refreshContactMemberships(contact.id);
    await expectExactly(segment.id, []);
  });
});
