import { describe, expect, it } from 'vitest';
import { givenEvent, hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

const ticket = (over: Record<string, unknown> = {}) => ({
  name: 'General admission',
  price: { amount: 2500, currency: 'EUR' },
  capacity: 500,
  maxPerOrder: 6,
  salesStartAt: hours(1),
  salesEndAt: hours(40),
  ...over,
});

describe('ticket types', () => {
  it('creates two types on an event and lists only them', async () => {
    const event = await givenEvent(api.call);
    const ga = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket() });
    const vip = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket({ name: 'VIP', price: { amount: 9000, currency: 'EUR' }, capacity: 50 }) });
    expect(ga.status).toBe(201);
    expect(vip.body).toMatchObject({ eventId: event.id, name: 'VIP', price: { amount: 9000, currency: 'EUR' } });
    const list = await api.call('GET', `/v1/events/${event.id}/ticket-types`);
    expect(list.body.items.map((t: { name: string }) => t.name)).toEqual(['General admission', 'VIP']);
    expect(list.body.nextCursor).toBeNull();
    const one = await api.call('GET', `/v1/events/${event.id}/ticket-types/${ga.body.id}`);
    expect(one.body).toEqual(ga.body);
  });

  it('refuses a price in another currency, a fractional amount and an inverted sales window', async () => {
    const event = await givenEvent(api.call);
    const currency = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket({ price: { amount: 100, currency: 'USD' } }) });
    expect(currency.status).toBe(422);
    expect(currency.body.code).toBe('currency_mismatch');
    const fraction = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket({ price: { amount: 12.5, currency: 'EUR' } }) });
    expect(fraction.status).toBe(400);
    expect(fraction.body.errors.map((e: { path: string }) => e.path)).toContain('body.price.amount');
    const window = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket({ salesStartAt: hours(5), salesEndAt: hours(2) }) });
    expect(window.status).toBe(400);
    const created = await api.call('POST', `/v1/events/${event.id}/ticket-types`, { body: ticket() });
    const late = await api.call('PATCH', `/v1/events/${event.id}/ticket-types/${created.body.id}`, { body: { salesStartAt: hours(41) } });
    expect(late.status).toBe(422);
    expect(late.body.code).toBe('invalid_sales_window');
  });

  it('answers 404 for an unknown event or ticket type', async () => {
    const unknown = '01JD0000000000000000000000';
    expect((await api.call('POST', `/v1/events/${unknown}/ticket-types`, { body: ticket() })).status).toBe(404);
    expect((await api.call('GET', `/v1/events/${unknown}/ticket-types`)).status).toBe(404);
    const event = await givenEvent(api.call);
    expect((await api.call('GET', `/v1/events/${event.id}/ticket-types/${unknown}`)).status).toBe(404);
  });
});
