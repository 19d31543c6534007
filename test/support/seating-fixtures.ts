import type { ApiCaller } from './local-api.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType } from './sales-fixtures.ts';

/**
 * Given/when helpers for seat maps: a map of `sections` sections × `rows`
 * rows × `perRow` seats, guids `<section>-<row>-<n>`, all of one category
 * sold by one ticket type, the stage at the top middle.
 */
export function gridMap(options: { sections?: number; rows?: number; perRow?: number; category?: string; ticketTypeId?: string; name?: string } = {}) {
  const { sections = 1, rows = 2, perRow = 10, category = 'Stalls', ticketTypeId, name = 'Main hall' } = options;
  return {
    name,
    size: { width: 1000, height: 800 },
    focalPoint: { x: 500, y: 0 },
    categories: [{ name: category, color: '#aa3355', ...(ticketTypeId ? { ticketTypeId } : {}) }],
    zones: [
      {
        zoneId: 'floor',
        name: 'Floor',
        position: { x: 0, y: 100 },
        sections: Array.from({ length: sections }, (_, s) => ({
          sectionId: `s${s + 1}`,
          name: `Section ${s + 1}`,
          position: { x: s * 250, y: 0 },
          rows: Array.from({ length: rows }, (_, r) => ({
            rowNumber: String(r + 1),
            position: { x: 0, y: r * 30 },
            seats: Array.from({ length: perRow }, (_, n) => ({
              seatGuid: `s${s + 1}-${r + 1}-${n + 1}`,
              seatNumber: String(n + 1),
              position: { x: n * 20, y: 0 },
              category,
            })),
          })),
        })),
      },
    ],
  };
}

/** A published event with a seated ticket type and a published grid map; returns the ids. */
export async function givenSeatedEvent(call: ApiCaller, options: Parameters<typeof gridMap>[0] & { holdMinutes?: number; price?: number } = {}) {
  const event = await givenPublishedEvent(call, options.holdMinutes ? { holdMinutes: options.holdMinutes } : {});
  const seats = (options.sections ?? 1) * (options.rows ?? 2) * (options.perRow ?? 10);
  const type = await givenTicketType(call, event.id, { name: 'Stalls', capacity: seats, maxPerOrder: 40, price: { amount: options.price ?? 3000, currency: 'EUR' } });
  const created = await call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: gridMap({ ...options, ticketTypeId: type.id }) } });
  if (created.status !== 201) throw new Error(`seat map: ${created.status} ${JSON.stringify(created.body)}`);
  const published = await call('POST', `/v1/events/${event.id}/seat-maps/${created.body.version}/publish`);
  if (published.status !== 200) throw new Error(`publish map: ${published.status} ${JSON.stringify(published.body)}`);
  return { event, type, map: published.body, seats };
}

export function buySeats(call: ApiCaller, eventId: string, request: { seats: string[] } | { bestAvailable: { category: string; quantity: number; together?: 'required' | 'preferred' } }, idempotencyKey?: string) {
  return call('POST', `/v1/events/${eventId}/orders`, {
    body: { buyer: { email: buyerEmail('seat'), firstName: 'Seat', lastName: 'Buyer' }, ...request },
    role: null,
    ...(idempotencyKey ? { headers: { 'idempotency-key': idempotencyKey } } : {}),
  });
}

export interface SeatStateBody {
  seatGuid: string;
  state: 'free' | 'held' | 'sold' | 'blocked';
  category: string;
  row: string;
  number: string;
}

export async function seatStates(call: ApiCaller, eventId: string, section: string): Promise<SeatStateBody[]> {
  const res = await call('GET', `/v1/events/${eventId}/seats?section=${section}`, { role: null });
  if (res.status !== 200) throw new Error(`seats: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.seats;
}
