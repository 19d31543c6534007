import { describe, expect, it } from 'vitest';
import { givenVenue } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';
import { buySeats, gridMap, seatStates } from '../support/seating-fixtures.ts';

const api = useTestApi();

/** A published event at the venue whose seated ticket type sells the adopted venue map's Stalls. */
async function givenEventAdopting(venueId: string, version: number) {
  const event = await givenPublishedEvent(api.call, { venueId });
  const type = await givenTicketType(api.call, event.id, { name: 'Stalls', capacity: 1, maxPerOrder: 40 });
  const adopted = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { venueMap: { version }, categoryTicketTypes: { Stalls: type.id } } });
  expect(adopted.status).toBe(201);
  const published = await api.call('POST', `/v1/events/${event.id}/seat-maps/${adopted.body.version}/publish`);
  expect(published.status).toBe(200);
  return { event, type, adopted: adopted.body };
}

describe('seat maps per venue, reused by its events', () => {
  it('a venue keeps versions of its map; two events adopt one, each with its own seat states', async () => {
    const venue = await givenVenue(api.call);
    const first = await api.call('POST', `/v1/venues/${venue.id}/seat-maps`, { body: { map: gridMap({ rows: 2, perRow: 5 }) } });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ venueId: venue.id, version: 1, seatCount: 10, capacity: 10 });
    const second = await api.call('POST', `/v1/venues/${venue.id}/seat-maps`, { body: { map: gridMap({ rows: 3, perRow: 5 }) } });
    expect(second.body.version).toBe(2);
    const list = await api.call('GET', `/v1/venues/${venue.id}/seat-maps`);
    expect(list.body.items.map((v: { version: number; seatCount: number }) => `${v.version}:${v.seatCount}`)).toEqual(['1:10', '2:15']);
    expect((await api.call('GET', `/v1/venues/${venue.id}/seat-maps/2/pretix`)).body.zones[0].rows).toHaveLength(3);

    const one = await givenEventAdopting(venue.id, 2);
    const two = await givenEventAdopting(venue.id, 2);
    expect(one.adopted).toMatchObject({ version: 1, status: 'draft', seatCount: 15, fromVenueMap: { venueId: venue.id, version: 2 } });
    expect(one.adopted.categories[0]).toMatchObject({ name: 'Stalls', ticketTypeId: one.type.id, capacity: 15 });

    // A seat sold at one event is still free at the other: the map is shared, its seats are not.
    const sold = await buySeats(api.call, one.event.id, { seats: ['s1-1-1'] });
    expect(sold.status).toBe(201);
    await pay(api.call, sold.body);
    expect((await seatStates(api.call, one.event.id, 's1')).find((s) => s.seatGuid === 's1-1-1')!.state).toBe('sold');
    expect((await seatStates(api.call, two.event.id, 's1')).find((s) => s.seatGuid === 's1-1-1')!.state).toBe('free');
    const availability = await api.call('GET', `/v1/events/${two.event.id}/availability`, { role: null });
    expect(availability.body.ticketTypes[0]).toMatchObject({ capacity: 15, sold: 0, available: 15 });

    // Removing the venue's version leaves the events' copies as they were.
    expect((await api.call('DELETE', `/v1/venues/${venue.id}/seat-maps/2`)).status).toBe(204);
    expect((await api.call('GET', `/v1/venues/${venue.id}/seat-maps/2`)).status).toBe(404);
    expect((await api.call('GET', `/v1/events/${one.event.id}/seat-maps/1`)).body.seatCount).toBe(15);
  });

  it('refuses a venue map naming ticket types, an unknown version, and a mapping to a category the map lacks', async () => {
    const venue = await givenVenue(api.call);
    const event = await givenPublishedEvent(api.call, { venueId: venue.id });
    const type = await givenTicketType(api.call, event.id, { name: 'Stalls' });
    const typed = await api.call('POST', `/v1/venues/${venue.id}/seat-maps`, { body: { map: gridMap({ ticketTypeId: type.id }) } });
    expect(typed.status).toBe(422);
    expect(typed.body.code).toBe('invalid_seat_map');
    expect((await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { venueMap: { version: 1 } } })).status).toBe(404);
    await api.call('POST', `/v1/venues/${venue.id}/seat-maps`, { body: { map: gridMap() } });
    const wrong = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { venueMap: { version: 1 }, categoryTicketTypes: { Balcony: type.id } } });
    expect(wrong.status).toBe(422);
    expect(wrong.body.code).toBe('unknown_category');
    const both = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { venueMap: { version: 1 }, map: gridMap() } });
    expect(both.status).toBe(400);
    expect((await api.call('GET', `/v1/venues/${venue.id}/seat-maps`, { role: 'promoter' })).status).toBe(403);
  });
});
