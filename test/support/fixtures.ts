import type { ApiCaller } from './local-api.ts';

const hours = (n: number) => new Date(Date.now() + n * 3600_000).toISOString();

export async function givenVenue(call: ApiCaller, body: Record<string, unknown> = {}) {
  const res = await call('POST', '/v1/venues', { body: { name: 'Sala Apolo', ...body } });
  if (res.status !== 201) throw new Error(`venue: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; publishedEventsCount: number };
}

export async function givenEvent(call: ApiCaller, body: Record<string, unknown> = {}) {
  const venue = body.venueId ? { id: body.venueId as string } : await givenVenue(call);
  const res = await call('POST', '/v1/events', {
    body: { venueId: venue.id, name: 'Friday Techno', startsAt: hours(48), endsAt: hours(54), currency: 'EUR', ...body },
  });
  if (res.status !== 201) throw new Error(`event: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string; venueId: string; status: string; currency: string };
}

export { hours };
