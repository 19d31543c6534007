/** The demo data: a venue, a published event with two ticket types, 20 contacts. */

const FIRST = ['Ana', 'Marc', 'Laia', 'Jordi', 'Nuria', 'Pau', 'Carla', 'Oriol', 'Marta', 'Sergi'];
const LAST = ['Garcia', 'Puig', 'Soler', 'Vidal'];

export const SEED_MARKER_EMAIL = 'demo.contact.01@eventos.local';

type Call = (method: string, path: string, body?: unknown) => Promise<{ status: number; body: any }>;

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

/** Goes through the HTTP API like any client; running it twice changes nothing. */
export async function seedDemo(apiUrl: string, token: string, progress: (line: string) => void = () => {}): Promise<string> {
  const call = caller(apiUrl, token);
  const existing = await must(call, 'GET', `/v1/contacts?email=${encodeURIComponent(SEED_MARKER_EMAIL)}`);
  if (existing.items.length) return 'already seeded, nothing changed';

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
    name: 'Nitsa Club: Winter Opening',
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
  return `venue ${venue.id}, event ${event.id} (published, 2 ticket types: GET /v1/events/${event.id}/availability), 20 contacts`;
}
