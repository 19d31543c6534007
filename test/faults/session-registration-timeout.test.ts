import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { startLocalStack, type LocalStack } from '#packages/local/local-stack.ts';
import { apiCaller, type ApiCaller } from '../support/local-api.ts';
import { givenConference, givenTickets } from '../support/conference-fixtures.ts';
import { hours } from '../support/sales-fixtures.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';

// The deployed timeouts (packages/core/dependencies/timeouts.ts), set before the imports build the SDK clients.
vi.hoisted(() => {
  process.env.DEPENDENCY_TIMEOUT_SCALE = '1';
});

const until = async (condition: () => boolean) => {
  while (!condition()) await new Promise((r) => setTimeout(r, 50));
};

/**
 * A session's seat counter under a burst queues the registrations' transactions
 * (the bench `sessions` saw 503s for registrations that had committed). Here the
 * proxy holds the registration's transaction past the SDK's timeout: the write
 * may still land, and the service — not the client — must find out what
 * happened. The held attempt lands when released, the service's retry meets it,
 * and the attendee gets their confirmed seat, once, with a 201.
 */
describe('a registration whose transaction timed out', () => {
  let proxy: StallingProxy;
  let stack: LocalStack;
  let call: ApiCaller;

  beforeAll(async () => {
    proxy = await startStallingProxy(inject('dynamoEndpoint'));
    stack = await startLocalStack({ apiPort: 0, busPort: 0, sesPort: 0, dynamoEndpoint: proxy.endpoint, sesEndpoint: inject('sesEndpoint'), tableName: process.env.TABLE_NAME! });
    call = apiCaller(stack);
  });
  afterAll(async () => {
    await proxy?.release();
    await stack?.stop();
    await proxy?.stop();
  });

  it('is resolved by the service: the late first attempt counts, one seat taken, 201 — never a 503 for a write that landed', async () => {
    const { event, type } = await givenConference(call);
    const { tickets } = await givenTickets(call, event.id, type.id, 1);
    const session = (await call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Workshop', state: 'scheduled', startsAt: hours(49), endsAt: hours(50), capacity: 3 } })).body;
    const link = (await call('GET', `/v1/tickets/${tickets[0]!.id}/attendee-link`)).body.token as string;

    proxy.stall(/\.TransactWriteItems$/);
    const answer = call('POST', `/v1/attendee-links/${link}/sessions/${session.id}/registration`, { role: null });
    // The first attempt timed out (held), and the service tried again (held too): both go to DynamoDB in order.
    const early = await Promise.race([until(() => proxy.held() >= 2).then(() => null), answer]);
    await proxy.release();
    expect(early && [early.status, early.body.code]).toBeNull();
    const res = await answer;
    expect([res.status, res.body.state]).toEqual([201, 'confirmed']);

    const seats = (await call('GET', `/v1/events/${event.id}/sessions/${session.id}`)).body.seats;
    expect(seats).toMatchObject({ capacity: 3, confirmed: 1, waiting: 0 });
    const listed = (await call('GET', `/v1/events/${event.id}/sessions/${session.id}/registrations?state=confirmed`)).body.items;
    expect(listed.map((r: { ticketId: string }) => r.ticketId)).toEqual([tickets[0]!.id]);
    // One audit item for the request: the held first attempt carried it, and the retry and the standalone write
    // after the 201 met it (the scope's item has one id) instead of adding a second (packages/core/audit).
    const audited = (await call('GET', '/v1/audit?action=sessions.register&limit=10')).body.items;
    expect(audited).toHaveLength(1);
    // Again: the same registration (200), nothing more taken.
    const again = await call('POST', `/v1/attendee-links/${link}/sessions/${session.id}/registration`, { role: null });
    expect([again.status, again.body.state]).toEqual([200, 'confirmed']);
    expect((await call('GET', `/v1/events/${event.id}/sessions/${session.id}`)).body.seats.confirmed).toBe(1);
  }, 120_000);
});
