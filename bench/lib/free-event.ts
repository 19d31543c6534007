import type { Api } from '../orders/api.ts';

/** One API call that must answer `status`; anything else stops the bench with the answer's start. */
export async function must<T>(api: Api, status: number, method: string, path: string, body?: unknown): Promise<T> {
  const res = await api.call<T>(method, path, body === undefined ? {} : { body });
  if (res.status !== status) throw new Error(`${method} ${path} answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res.body;
}

/** A published event, starting in an hour, with one free ticket type (free orders are paid at once). */
export async function givenFreeEvent(
  api: Api,
  label: string,
  ticketType: { capacity: number; maxPerOrder: number },
): Promise<{ eventId: string; ticketTypeId: string }> {
  const venue = await must<{ id: string }>(api, 201, 'POST', '/v1/venues', { name: `Bench ${label} Hall` });
  const startsAt = new Date(Date.now() + 3_600_000);
  const event = await must<{ id: string }>(api, 201, 'POST', '/v1/events', {
    venueId: venue.id,
    name: `Bench ${label}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 6 * 3_600_000).toISOString(),
    currency: 'EUR',
  });
  const type = await must<{ id: string }>(api, 201, 'POST', `/v1/events/${event.id}/ticket-types`, {
    name: 'Guest list',
    price: { amount: 0, currency: 'EUR' },
    ...ticketType,
  });
  await must(api, 200, 'POST', `/v1/events/${event.id}/publish`);
  return { eventId: event.id, ticketTypeId: type.id };
}
