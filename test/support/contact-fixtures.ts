import { db } from '#packages/core/db/service.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { ApiCaller } from './local-api.ts';

export interface ContactBody {
  id: string;
  email: string;
  state: 'active' | 'trashed';
  tags: string[];
  engagementScore: number;
  companyId?: string;
  [key: string]: unknown;
}

export async function givenCompany(call: ApiCaller, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/companies', { body: { name: 'Acme', ...body } });
  if (res.status !== 201) throw new Error(`company: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; domain?: string; contactsCount: number };
}

export async function givenContact(call: ApiCaller, body: Record<string, unknown>) {
  const res = await call('POST', '/v1/contacts', { body });
  if (res.status !== 201) throw new Error(`contact: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as ContactBody;
}

/** What the engagement consumers do: `set` the score together with `state` (never ADD, see contacts/engagement.ts). */
export async function givenScore(contactId: string, engagementScore: number) {
  await db().entities.contact.patch({ contactId }).set({ engagementScore, state: 'active' }).go();
}

/** What the attendance consumer records: the eventAttendee item and the contact's attendedEventIds fact. */
export async function givenAttendance(eventId: string, contactId: string) {
  await db().entities.eventAttendee.put({ eventId, contactId, firstEntryAt: nowIso() }).go();
  await db().entities.contact.patch({ contactId }).add({ attendedEventIds: [eventId] }).go();
}

export const ids = (res: { body: { items: { id: string }[] } }) => res.body.items.map((c) => c.id);
