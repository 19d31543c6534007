import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { getOrder, givenPublishedEvent, givenTicketType, pay } from '../support/sales-fixtures.ts';
import { buySeats, givenSeatedEvent, gridMap, seatStates } from '../support/seating-fixtures.ts';

const api = useTestApi();

const pretixPlan = {
  name: 'Club Apolo',
  categories: [{ name: 'Stalls', color: '#1f77b4' }, { name: 'Balcony', color: '#ff7f0e' }],
  size: { width: 600, height: 400 },
  zones: [
    {
      name: 'Ground floor',
      uuid: 'ground-floor',
      position: { x: 10, y: 50 },
      areas: [],
      rows: [
        { row_number: 'A', position: { x: 0, y: 0 }, seats: [1, 2, 3].map((n) => ({ seat_guid: `g-a-${n}`, seat_number: String(n), position: { x: n * 20, y: 0 }, category: 'Stalls' })) },
        { row_number: 'B', position: { x: 0, y: 25 }, seats: [1, 2].map((n) => ({ seat_guid: `g-b-${n}`, seat_number: String(n), position: { x: n * 20, y: 0 }, category: 'Stalls' })) },
      ],
    },
    {
      name: 'Balcony',
      uuid: 'balcony',
      position: { x: 10, y: 200 },
      areas: [],
      rows: [{ row_number: '1', position: { x: 0, y: 0 }, seats: [1, 2].map((n) => ({ seat_guid: `b-1-${n}`, seat_number: String(n), position: { x: n * 20, y: 0 }, category: 'Balcony' })) }],
    },
  ],
};

describe('seat maps', () => {
  it('imports a pretix plan, derives capacity per category and exports it back unchanged', async () => {
    const event = await givenPublishedEvent(api.call);
    const stalls = await givenTicketType(api.call, event.id, { name: 'Stalls', capacity: 1 });
    const created = await api.call('POST', `/v1/events/${event.id}/seat-maps`, {
      body: { pretix: pretixPlan, categoryTicketTypes: { Stalls: stalls.id } },
    });
    expect(created.status).toBe(201);
    expect(created.body).toMatchObject({ version: 1, status: 'draft', seatCount: 7, capacity: 7 });
    expect(created.body.categories).toEqual([
      { name: 'Stalls', color: '#1f77b4', ticketTypeId: stalls.id, seats: 5, gaCapacity: 0, capacity: 5 },
      { name: 'Balcony', color: '#ff7f0e', seats: 2, gaCapacity: 0, capacity: 2 },
    ]);
    const exported = await api.call('GET', `/v1/events/${event.id}/seat-maps/1/pretix`);
    expect(exported.status).toBe(200);
    expect(exported.body).toEqual({ ...pretixPlan, zones: pretixPlan.zones.map((z) => ({ ...z, zone_id: z.uuid })) });

    // Publishing makes the seats sellable and the seated type's capacity what the map gives it.
    const published = await api.call('POST', `/v1/events/${event.id}/seat-maps/1/publish`);
    expect(published.status).toBe(200);
    const availability = await api.call('GET', `/v1/events/${event.id}/availability`, { role: null });
    expect(availability.body.ticketTypes.find((t: { ticketTypeId: string }) => t.ticketTypeId === stalls.id).capacity).toBe(5);
    const seats = await seatStates(api.call, event.id, 'ground-floor');
    expect(seats.map((s) => `${s.row}${s.number}:${s.state}`)).toEqual(['A1:free', 'A2:free', 'A3:free', 'B1:free', 'B2:free']);
  });

  it('seat states: a section of the published map without seats is empty; a name the map does not have is a 404', async () => {
    const event = await givenPublishedEvent(api.call);
    const stalls = await givenTicketType(api.call, event.id, { name: 'Stalls', capacity: 20 });
    const map = gridMap({ ticketTypeId: stalls.id });
    map.zones[0]!.sections.push({ sectionId: 'terrace', name: 'Terrace', position: { x: 600, y: 0 }, rows: [] });
    const created = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map } });
    expect(created.status).toBe(201);
    const seatsOf = (section: string) => api.call('GET', `/v1/events/${event.id}/seats?section=${section}`, { role: null });
    // Nothing is published yet: no section has seats to show.
    expect((await seatsOf('s1')).body.code).toBe('not_found');
    expect((await api.call('POST', `/v1/events/${event.id}/seat-maps/1/publish`)).status).toBe(200);
    expect((await seatsOf('s1')).body.seats).toHaveLength(20);
    const terrace = await seatsOf('terrace');
    expect(terrace.status).toBe(200);
    expect(terrace.body).toEqual({ eventId: event.id, sectionId: 'terrace', seats: [] });
    const typo = await seatsOf('terace');
    expect(typo.status).toBe(404);
    expect(typo.body).toMatchObject({ status: 404, code: 'not_found' });
  });

  it('refuses a map whose seats name an undeclared category, repeat a guid, or map to another event’s ticket type', async () => {
    const event = await givenPublishedEvent(api.call);
    const other = await givenPublishedEvent(api.call);
    const foreign = await givenTicketType(api.call, other.id);
    const map = gridMap();
    const dupe = structuredClone(map);
    dupe.zones[0]!.sections[0]!.rows[1]!.seats[0]!.seatGuid = 'S1-1-1';
    const badCategory = structuredClone(map);
    badCategory.zones[0]!.sections[0]!.rows[0]!.seats[0]!.category = 'Nowhere';
    for (const [body, code] of [
      [{ map: dupe }, 'invalid_seat_map'],
      [{ map: badCategory }, 'invalid_seat_map'],
      [{ map: gridMap({ ticketTypeId: foreign.id }) }, 'unknown_ticket_type'],
    ] as const) {
      const res = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body });
      expect(res.status).toBe(422);
      expect(res.body.code).toBe(code);
    }
  });

  it('sanitises the SVG: no scripts, handlers or external references', async () => {
    const event = await givenPublishedEvent(api.call);
    const svgContent =
      '<svg viewBox="0 0 10 10" onload="alert(1)"><script>alert(1)</script><rect x="1" fill="url(https://evil.example/x#a)" onclick="steal()"/>' +
      '<use href="https://evil.example/a.svg#x"/><use xlink:href="#seat"/><image href="https://evil.example/i.png"/><foreignObject><b>x</b></foreignObject>' +
      '<circle data-seat-guid="s1-1-1" cx="2" cy="2" r="1" fill="url(#grad)"/></svg>';
    const res = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: { ...gridMap(), svgContent } } });
    expect(res.status).toBe(201);
    const svg: string = res.body.map.svgContent;
    expect(svg).not.toMatch(/script|onload|onclick|evil\.example|<image|foreignObject/i);
    expect(svg).toContain('viewBox="0 0 10 10"');
    expect(svg).toContain('xlink:href="#seat"');
    expect(svg).toContain('fill="url(#grad)"');
    expect(svg).toContain('data-seat-guid="s1-1-1"');
  });

  it('sells a named seat: held, then sold; the section answers each seat’s state', async () => {
    const { event, type } = await givenSeatedEvent(api.call);
    const order = await buySeats(api.call, event.id, { seats: ['s1-1-4', 's1-1-5'] });
    expect(order.status).toBe(201);
    expect(order.body.seats).toEqual([{ sectionId: 's1', seatGuid: 's1-1-4' }, { sectionId: 's1', seatGuid: 's1-1-5' }]);
    expect(order.body.lines).toMatchObject([{ ticketTypeId: type.id, quantity: 2 }]);
    expect(order.body.total.amount).toBe(6000);
    let states = await seatStates(api.call, event.id, 's1');
    expect(states.filter((s) => s.state === 'held').map((s) => s.seatGuid)).toEqual(['s1-1-4', 's1-1-5']);
    await pay(api.call, order.body);
    expect((await getOrder(api.call, order.body.id)).status).toBe('paid');
    states = await seatStates(api.call, event.id, 's1');
    expect(states.filter((s) => s.state === 'sold').map((s) => s.seatGuid)).toEqual(['s1-1-4', 's1-1-5']);

    // A seated type cannot be bought without seats, and a taken seat is named.
    const plain = await api.call('POST', `/v1/events/${event.id}/orders`, {
      role: null,
      body: { buyer: { email: 'plain@example.com' }, items: [{ ticketTypeId: type.id, quantity: 1 }] },
    });
    expect(plain.status).toBe(422);
    expect(plain.body.code).toBe('seat_required');
    const taken = await buySeats(api.call, event.id, { seats: ['s1-1-3', 's1-1-4'] });
    expect(taken.status).toBe(409);
    expect(taken.body).toMatchObject({ code: 'seats_taken', seatGuids: ['s1-1-4'] });
    // All or nothing: the free seat named with it was not kept.
    expect((await seatStates(api.call, event.id, 's1')).find((s) => s.seatGuid === 's1-1-3')!.state).toBe('free');
    const unknown = await buySeats(api.call, event.id, { seats: ['nope'] });
    expect(unknown.status).toBe(422);
    expect(unknown.body).toMatchObject({ code: 'unknown_seat', seatGuids: ['nope'] });
  });

  it('best available: adjacent seats in one row nearest the stage, never stranding a single seat', async () => {
    const { event } = await givenSeatedEvent(api.call, { rows: 2, perRow: 5 });
    // Row 1 seats 1–5; the stage is at x=500, far to the right, so seat 5 is nearest. Take 4 → 2..5 would strand 1.
    const order = await buySeats(api.call, event.id, { bestAvailable: { category: 'Stalls', quantity: 3 } });
    expect(order.status).toBe(201);
    const picked = order.body.seats.map((s: { seatGuid: string }) => s.seatGuid);
    expect(picked).toEqual(['s1-1-3', 's1-1-4', 's1-1-5']);
    // Row 1 has 1–2 left: 1 of them would strand the other, so a single goes to row 2's nearest end instead.
    const single = await buySeats(api.call, event.id, { bestAvailable: { category: 'Stalls', quantity: 1 } });
    expect(single.body.seats.map((s: { seatGuid: string }) => s.seatGuid)).toEqual(['s1-2-5']);
  });

  it('organisers block and release seats, all or nothing', async () => {
    const { event } = await givenSeatedEvent(api.call);
    const blocked = await api.call('POST', `/v1/events/${event.id}/seats/block`, { body: { seatGuids: ['s1-2-1', 's1-2-2'] } });
    expect(blocked.status).toBe(200);
    expect(blocked.body).toEqual({ eventId: event.id, seatGuids: ['s1-2-1', 's1-2-2'], state: 'blocked' });
    const buy = await buySeats(api.call, event.id, { seats: ['s1-2-2'] });
    expect(buy.status).toBe(409);
    const again = await api.call('POST', `/v1/events/${event.id}/seats/block`, { body: { seatGuids: ['s1-2-3', 's1-2-1'] } });
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ code: 'seats_unavailable', seatGuids: ['s1-2-1'] });
    expect((await seatStates(api.call, event.id, 's1')).find((s) => s.seatGuid === 's1-2-3')!.state).toBe('free');
    const released = await api.call('POST', `/v1/events/${event.id}/seats/release`, { body: { seatGuids: ['s1-2-1', 's1-2-2'] } });
    expect(released.status).toBe(200);
    expect((await buySeats(api.call, event.id, { seats: ['s1-2-2'] })).status).toBe(201);
  });

  it('republishing a map never drops a sold or held seat: refused, naming them; a map keeping them publishes', async () => {
    const { event, type } = await givenSeatedEvent(api.call, { rows: 2, perRow: 5 });
    const sold = await buySeats(api.call, event.id, { seats: ['s1-2-5'] });
    await pay(api.call, sold.body);
    const held = await buySeats(api.call, event.id, { seats: ['s1-2-4'] });
    expect(held.status).toBe(201);

    const smaller = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: gridMap({ rows: 1, perRow: 5, ticketTypeId: type.id }) } });
    const refused = await api.call('POST', `/v1/events/${event.id}/seat-maps/${smaller.body.version}/publish`);
    expect(refused.status).toBe(409);
    expect(refused.body.code).toBe('seats_in_use');
    expect([...refused.body.seatGuids].sort()).toEqual(['s1-2-4', 's1-2-5']);
    expect((await seatStates(api.call, event.id, 's1')).find((s) => s.seatGuid === 's1-2-5')!.state).toBe('sold');

    const bigger = await api.call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: gridMap({ rows: 3, perRow: 5, ticketTypeId: type.id }) } });
    const ok = await api.call('POST', `/v1/events/${event.id}/seat-maps/${bigger.body.version}/publish`);
    expect(ok.status).toBe(200);
    const states = await seatStates(api.call, event.id, 's1');
    expect(states).toHaveLength(15);
    expect(states.find((s) => s.seatGuid === 's1-2-5')!.state).toBe('sold');
    expect(states.find((s) => s.seatGuid === 's1-2-4')!.state).toBe('held');
    const versions = await api.call('GET', `/v1/events/${event.id}/seat-maps`);
    expect(versions.body.items.map((v: { version: number; status: string }) => `${v.version}:${v.status}`)).toEqual(['1:superseded', '2:draft', '3:published']);
    const availability = await api.call('GET', `/v1/events/${event.id}/availability`, { role: null });
    expect(availability.body.ticketTypes[0]).toMatchObject({ capacity: 15, sold: 1, held: 1, available: 13 });
  });
});
