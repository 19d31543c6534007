export interface Fixtures {
  venueId: string;
  eventId: string;
}

async function post(apiUrl: string, token: string, path: string, body: unknown): Promise<{ id: string }> {
  const res = await fetch(`${apiUrl}${path}`, {
    method: 'POST',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  const text = await res.text();
  if (res.status !== 201) throw new Error(`POST ${path} answered ${res.status}: ${text.slice(0, 300)}`);
  return JSON.parse(text) as { id: string };
}

/** The records the read scenarios need, made through the API like any client would. */
export async function createFixtures(apiUrl: string, token: string): Promise<Fixtures> {
  const venue = await post(apiUrl, token, '/v1/venues', { name: 'Bench Hall' });
  const startsAt = new Date(Date.now() + 30 * 86_400_000);
  const endsAt = new Date(startsAt.getTime() + 3 * 3_600_000);
  const event = await post(apiUrl, token, '/v1/events', {
    venueId: venue.id,
    name: 'Bench Night',
    startsAt: startsAt.toISOString(),
    endsAt: endsAt.toISOString(),
    currency: 'EUR',
  });
  return { venueId: venue.id, eventId: event.id };
}
