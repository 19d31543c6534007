import { describe, expect, it } from 'vitest';
import { givenEvent, givenVenue, hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('events', () => {
  it('creates a draft in UTC and refuses an end before the start with a field error', async () => {
    const venue = await givenVenue(api.call);
    const ok = await api.call('POST', '/v1/events', {
      body: { venueId: venue.id, name: 'Gala', startsAt: '2027-03-01T20:00:00+01:00', endsAt: '2027-03-02T02:00:00+01:00', currency: 'EUR', totalCapacity: 800 },
    });
    expect(ok.status).toBe(201);
    expect(ok.body).toMatchObject({ status: 'draft', startsAt: '2027-03-01T19:00:00.000Z', totalCapacity: 800 });

    const bad = await api.call('POST', '/v1/events', {
      body: { venueId: venue.id, name: 'Gala', startsAt: hours(5), endsAt: hours(4), currency: 'EUR' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.code).toBe('validation_failed');
    expect(bad.body.errors).toContainEqual({ path: 'body.endsAt', message: 'must be after startsAt' });
  });

  it('refuses an unknown venue with 422 and a lone bad end on change with 422', async () => {
    const res = await api.call('POST', '/v1/events', {
      body: { venueId: '01JD0000000000000000000000', name: 'x', startsAt: hours(1), endsAt: hours(2), currency: 'EUR' },
    });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('unknown_venue');

    const event = await givenEvent(api.call);
    const change = await api.call('PATCH', `/v1/events/${event.id}`, { body: { endsAt: hours(1) } });
    expect(change.status).toBe(422);
    expect(change.body.code).toBe('invalid_time_range');
  });

  it('publishes once: draft → published, then 409; the consumer counts it on the venue exactly once', async () => {
    const venue = await givenVenue(api.call);
    const event = await givenEvent(api.call, { venueId: venue.id });
    const published = await api.call('POST', `/v1/events/${event.id}/publish`);
    expect(published.status).toBe(200);
    expect(published.body.status).toBe('published');
    expect(published.body.publishedAt).toBeTruthy();

    const again = await api.call('POST', `/v1/events/${event.id}/publish`);
    expect(again.status).toBe(409);
    expect(again.body).toMatchObject({ status: 409, code: 'invalid_transition', eventStatus: 'published' });

    await api.bus.drain();
    const after = await api.call('GET', `/v1/venues/${venue.id}`);
    expect(after.body.publishedEventsCount).toBe(1);

    // Redeliver the very same event (EventBridge is at-least-once): nothing changes.
    const delivered = api.bus.recent.filter((e) => e['detail-type'] === 'event.published' && (e.detail as any).data.eventId === event.id);
    expect(delivered).toHaveLength(1);
    const { handler } = await import('#functions/consumers/count-published-events.ts');
    await handler(delivered[0]!, {} as never);
    const again2 = await api.call('GET', `/v1/venues/${venue.id}`);
    expect(again2.body.publishedEventsCount).toBe(1);
  });

  it('cancels, after which the event cannot change or be published', async () => {
    const event = await givenEvent(api.call);
    expect((await api.call('POST', `/v1/events/${event.id}/cancel`)).body.status).toBe('canceled');
    expect((await api.call('POST', `/v1/events/${event.id}/publish`)).status).toBe(409);
    const change = await api.call('PATCH', `/v1/events/${event.id}`, { body: { name: 'Renamed' } });
    expect(change.status).toBe(409);
    expect(change.body.code).toBe('event_canceled');
  });

  it('locks the currency once published', async () => {
    const event = await givenEvent(api.call);
    expect((await api.call('PATCH', `/v1/events/${event.id}`, { body: { currency: 'USD' } })).body.currency).toBe('USD');
    await api.call('POST', `/v1/events/${event.id}/publish`);
    const res = await api.call('PATCH', `/v1/events/${event.id}`, { body: { currency: 'GBP' } });
    expect(res.status).toBe(422);
    expect(res.body.code).toBe('currency_locked');
  });
});
