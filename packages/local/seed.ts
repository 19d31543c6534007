/** The demo data: a venue, a published event with two ticket types, 20 contacts. */

const FIRST = ['Ana', 'Marc', 'Laia', 'Jordi', 'Nuria', 'Pau', 'Carla', 'Oriol', 'Marta', 'Sergi'];
const LAST = ['Garcia', 'Puig', 'Soler', 'Vidal'];

export const SEED_MARKER_EMAIL = 'demo.contact.01@eventos.local';
export const DEMO_EVENT_NAME = 'Nitsa Club: Winter Opening';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

/** What the demo holds: printed by `npm start -- --seed` and `npm run seed`, whether it was just loaded or not. */
export interface DemoData {
  /** false: it was there already and nothing changed. */
  created: boolean;
  event: { id: string; name: string };
  ticketTypes: Array<{ id: string; name: string; price: { amount: number; currency: string } }>;
  contacts: number;
}

function caller(apiUrl: string, token: string): Call {
  return async (method, path, body) => {
    const res = await fetch(`${apiUrl}${path}`, {
      method,
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    return { status: res.status, body: await res.json().catch(() => null) };
  };
}

async function must(call: Call, method: string, path: string, body?: unknown) {
  const res = await call(method, path, body);
  if (res.status >= 300) throw new Error(`${method} ${path} → ${res.status} ${JSON.stringify(res.body)}`);
  return res.body;
}

async function ticketTypesOf(call: Call, eventId: string): Promise<DemoData['ticketTypes']> {
  const availability = await must(call, 'GET', `/v1/events/${eventId}/availability`);
  return availability.ticketTypes.map((t: any) => ({ id: t.ticketTypeId, name: t.name, price: t.price }));
}

/** The demo event of an earlier seed: the oldest event with the demo's name (events list oldest first). */
async function findDemoEvent(call: Call): Promise<{ id: string; name: string } | null> {
  let cursor: string | undefined;
  do {
    const page = await must(call, 'GET', `/v1/events?limit=100${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`);
    const found = page.items.find((e: any) => e.name === DEMO_EVENT_NAME);
    if (found) return { id: found.id, name: found.name };
    cursor = page.nextCursor ?? undefined;
  } while (cursor);
  return null;
}

/** Goes through the HTTP API like any client; running it twice changes nothing and answers the same demo. */
export async function seedDemo(apiUrl: string, token: string, progress: (line: string) => void = () => {}): Promise<DemoData> {
  const call = caller(apiUrl, token);
  const existing = await must(call, 'GET', `/v1/contacts?email=${encodeURIComponent(SEED_MARKER_EMAIL)}`);
  if (existing.items.length) {
    const event = await findDemoEvent(call);
    if (!event) throw new Error(`the demo contacts exist but no event is named "${DEMO_EVENT_NAME}"`);
    return { created: false, event, ticketTypes: await ticketTypesOf(call, event.id), contacts: 20 };
  }

  const venue = await must(call, 'POST', '/v1/venues', {
    name: 'Sala Apolo',
    address: { line1: 'Carrer Nou de la Rambla 113', city: 'Barcelona', postalCode: '08004', country: 'ES' },
    timezone: 'Europe/Madrid',
    capacity: 1500,
  });
  progress(`  venue ${venue.id}`);
  const day = 24 * 3600_000;
  const startsAt = new Date(Date.now() + 14 * day);
  const event = await must(call, 'POST', '/v1/events', {
    venueId: venue.id,
    name: DEMO_EVENT_NAME,
    startsAt: startsAt.toISOString(),
    endsAt: new Date(startsAt.getTime() + 6 * 3600_000).toISOString(),
    currency: 'EUR',
    totalCapacity: 1200,
  });
  for (const type of [
    { name: 'General admission', price: { amount: 1800, currency: 'EUR' }, capacity: 1000, maxPerOrder: 6 },
    { name: 'VIP', price: { amount: 6000, currency: 'EUR' }, capacity: 200, maxPerOrder: 4 },
  ]) {
    const created = await must(call, 'POST', `/v1/events/${event.id}/ticket-types`, type);
    progress(`  ticket type ${created.name} ${created.id}`);
  }
  await must(call, 'POST', `/v1/events/${event.id}/publish`);
  progress(`  published event ${event.id}`);
  for (let i = 1; i <= 20; i++) {
    const n = String(i).padStart(2, '0');
    await must(call, 'POST', '/v1/contacts', {
      email: `demo.contact.${n}@eventos.local`,
      firstName: FIRST[i % FIRST.length],
      lastName: LAST[i % LAST.length],
      tags: i % 3 === 0 ? ['vip'] : ['newsletter'],
    });
    progress(`  contacts ${i}/20`);
  }
  return { created: true, event: { id: event.id, name: event.name }, ticketTypes: await ticketTypesOf(call, event.id), contacts: 20 };
}
