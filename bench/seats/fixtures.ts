import type { Api } from '../orders/api.ts';
import { must } from '../lib/free-event.ts';

export const SECTIONS = ['a', 'b', 'c', 'd'] as const;

/** The bench's hall: 4 sections (one category and ticket type each) of `rows` × `perRow` seats, guids `<section>-<row>-<n>`. */
export function hallMap(rows: number, perRow: number, ticketTypes: Record<string, string>) {
  return {
    name: 'Bench hall',
    size: { width: 1200, height: 800 },
    focalPoint: { x: 600, y: 0 },
    categories: SECTIONS.map((s) => ({ name: `cat-${s}`, ticketTypeId: ticketTypes[s]! })),
    zones: [
      {
        zoneId: 'floor',
        name: 'Floor',
        sections: SECTIONS.map((s, i) => ({
          sectionId: s,
          name: `Section ${s.toUpperCase()}`,
          position: { x: i * 300, y: 100 },
          rows: Array.from({ length: rows }, (_, r) => ({
            rowNumber: String(r + 1),
            position: { x: 0, y: r * 30 },
            seats: Array.from({ length: perRow }, (_, n) => ({ seatGuid: `${s}-${r + 1}-${n + 1}`, seatNumber: String(n + 1), position: { x: n * 22, y: 0 }, category: `cat-${s}` })),
          })),
        })),
      },
    ],
  };
}

/** A published event whose four sections are on sale through a published seat map. */
export async function givenSeatedSale(api: Api, label: string, rows: number, perRow: number): Promise<{ eventId: string }> {
  const venue = await must<{ id: string }>(api, 201, 'POST', '/v1/venues', { name: `Bench ${label} Hall` });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const event = await must<{ id: string }>(api, 201, 'POST', '/v1/events', {
    venueId: venue.id,
    name: `Bench ${label}`,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 3 * 3_600_000).toISOString(),
    currency: 'EUR',
  });
  const ticketTypes: Record<string, string> = {};
  for (const s of SECTIONS) {
    const type = await must<{ id: string }>(api, 201, 'POST', `/v1/events/${event.id}/ticket-types`, {
      name: `Section ${s.toUpperCase()}`,
      price: { amount: 4000, currency: 'EUR' },
      capacity: rows * perRow,
      maxPerOrder: 10,
    });
    ticketTypes[s] = type.id;
  }
  await must(api, 200, 'POST', `/v1/events/${event.id}/publish`);
  const map = await must<{ version: number }>(api, 201, 'POST', `/v1/events/${event.id}/seat-maps`, { map: hallMap(rows, perRow, ticketTypes) });
  await must(api, 200, 'POST', `/v1/events/${event.id}/seat-maps/${map.version}/publish`);
  return { eventId: event.id };
}

/**
 * 500 buyers' requests, seeded: every other buyer names two adjacent seats
 * picked at random in a random section, the others ask best available for
 * two seats together in a random section's category.
 */
export function buyerRequests(eventId: string, buyers: number, rows: number, perRow: number, seed: number) {
  let state = seed >>> 0;
  const random = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32;
  };
  return Array.from({ length: buyers }, (_, i) => {
    const section = SECTIONS[Math.floor(random() * SECTIONS.length)]!;
    const buyer = { email: `seat-${i}@bench.example.com`, firstName: 'Bench' };
    if (i % 2 === 0) {
      const row = 1 + Math.floor(random() * rows);
      const n = 1 + Math.floor(random() * (perRow - 1));
      return { method: 'POST', path: `/v1/events/${eventId}/orders`, body: { buyer, seats: [`${section}-${row}-${n}`, `${section}-${row}-${n + 1}`] } };
    }
    return { method: 'POST', path: `/v1/events/${eventId}/orders`, body: { buyer, bestAvailable: { category: `cat-${section}`, quantity: 2, together: 'required' } } };
  });
}
