import { randomUUID } from 'node:crypto';
import { db } from '#packages/core/db/service.ts';
import type { ApiCaller, ApiResponse } from './local-api.ts';

/** A tag no other test in the file uses, so a segment on it sees only this test's contacts. */
export const uniqueTag = (name = 't') => `${name}-${randomUUID().slice(0, 8)}`;

export async function givenContact(call: ApiCaller, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/contacts', { body: { email: `seg.${randomUUID().slice(0, 12)}@example.com`, ...body } });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; tags: string[] };
}

export async function givenSegment(call: ApiCaller, filter: Record<string, unknown>, name = 'Segment') {
  const res = await call('POST', '/v1/segments', { body: { name, filter } });
  if (res.status !== 201) throw new Error(`segment: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; status: string; version: number; memberCount: number };
}

/** Every member id, page by page through the API (limit 100). */
export async function memberIds(call: ApiCaller, segmentId: string, limit = 100): Promise<string[]> {
  const ids: string[] = [];
  let cursor: string | null = null;
  do {
    const res: ApiResponse = await call('GET', `/v1/segments/${segmentId}/contacts?limit=${limit}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    if (res.status !== 200) throw new Error(`members: ${res.status} ${JSON.stringify(res.body)}`);
    ids.push(...(res.body.items as Array<{ id: string }>).map((c) => c.id));
    cursor = res.body.nextCursor;
  } while (cursor);
  return ids;
}

export async function countOf(call: ApiCaller, segmentId: string) {
  const res = await call('GET', `/v1/segments/${segmentId}/count`);
  if (res.status !== 200) throw new Error(`count: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { count: number; status: string; builtAt: string | null };
}

/** The member items as stored (the truth the count must equal). */
export async function storedMembers(segmentId: string): Promise<string[]> {
  const { data } = await db().entities.segmentMember.query.bySegment({ segmentId }).go({ pages: 'all' });
  return data.map((m) => m.contactId);
}

/**
 * Sets facts the API does not write (they come from consumers: score, lifetime
 * value, lead status) straight on the item, with a new updatedAt as every
 * writer does. No event: the caller triggers one (a PATCH) or builds.
 */
export async function setFacts(contactId: string, facts: Record<string, unknown>): Promise<void> {
  const { data } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  if (!data) throw new Error(`contact ${contactId} is missing`);
  await db()
    .entities.contact.patch({ contactId })
    .set({ state: data.state ?? 'active', engagementScore: data.engagementScore ?? 0, ...facts, updatedAt: new Date().toISOString() } as never)
    .go();
}

export const sorted = (ids: readonly string[]) => [...ids].sort();
