import { attendeeLinkToken } from '#packages/features/sessions/index.ts';
import { signingKey } from './conference-fixtures.ts';
import type { ApiCaller } from './local-api.ts';
import { givenPublishedEvent, givenTicketType } from './sales-fixtures.ts';

/** A hall map: one small seated section (maps need a category) and `booths` booths B-1…B-n drawn on it. */
export function hallMap(booths: number) {
  return {
    name: 'Expo hall',
    size: { width: 2000, height: 1000 },
    categories: [{ name: 'Keynote' }],
    zones: [{ zoneId: 'stage', name: 'Stage', sections: [{ sectionId: 'k', name: 'Keynote', rows: [{ rowNumber: '1', seats: [{ seatGuid: 'k-1-1', seatNumber: '1', position: { x: 0, y: 0 }, category: 'Keynote' }] }] }] }],
    booths: Array.from({ length: booths }, (_, i) => ({ boothGuid: `B-${i + 1}`, name: `Booth ${i + 1}`, position: { x: 100 + (i % 10) * 150, y: 300 + Math.floor(i / 10) * 150 }, size: { width: 3, height: 3 } })),
  };
}

function must(res: { status: number; body: unknown }, status: number, what: string) {
  if (res.status !== status) throw new Error(`${what}: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as any;
}

/** A published trade show: a paid attendee ticket type, a free hidden sponsor-pass type, and a published hall map with booths. */
export async function givenTradeShow(call: ApiCaller, booths = 3) {
  const event = await givenPublishedEvent(call);
  const type = await givenTicketType(call, event.id, { name: 'Visitor', capacity: 500, maxPerOrder: 40 });
  const passType = await givenTicketType(call, event.id, { name: 'Sponsor pass', price: { amount: 0, currency: 'EUR' }, capacity: 100, promoterOnly: true });
  const map = must(await call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: hallMap(booths) } }), 201, 'map');
  must(await call('POST', `/v1/events/${event.id}/seat-maps/${map.version}/publish`), 200, 'publish map');
  return { event, type, passType };
}

export async function givenCompany(call: ApiCaller, name = 'Acme Robotics') {
  return must(await call('POST', '/v1/companies', { body: { name } }), 201, 'company') as { id: string };
}

export async function givenExhibitor(call: ApiCaller, eventId: string, body: Record<string, unknown> = {}) {
  return must(await call('POST', `/v1/events/${eventId}/exhibitors`, { body: { name: 'Acme Robotics', ...body } }), 201, 'exhibitor') as { id: string };
}

export async function givenStaff(call: ApiCaller, eventId: string, exhibitorId: string, userId: string) {
  must(await call('POST', `/v1/events/${eventId}/exhibitors/${exhibitorId}/staff`, { body: { userId } }), 201, 'staff');
}

/** The attendee's own link for a ticket, as the mail carries it. */
export function attendeeLink(ticketId: string, eventId: string) {
  return attendeeLinkToken(ticketId, eventId, new Date(Date.now() + 7 * 24 * 3600_000).toISOString(), signingKey());
}

/** The `data` of the events of `detailType` the local bus carried (its last 500). */
export function busEvents(bus: { recent: Array<{ 'detail-type': string; detail: unknown }> }, detailType: string): Array<Record<string, unknown>> {
  return bus.recent.filter((e) => e['detail-type'] === detailType).map((e) => (e.detail as { data: Record<string, unknown> }).data);
}
