import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/webhook-deliveries-due.ts';
import { createDelivery, messageIdOf } from '#packages/features/webhooks/deliveries.ts';
import { endpointItem } from '#packages/features/webhooks/endpoint-service.ts';
import { sendClaimed } from '#packages/features/webhooks/send-delivery.ts';
import { newId } from '#packages/core/ids.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { until } from '../support/webhook-receiver.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
/** A receiver that holds each request until the test lets it answer. */
const held: ServerResponse[] = [];
let arrivals = 0;
const server = createServer((req: IncomingMessage, res: ServerResponse) => {
  req.resume();
  req.on('end', () => {
    arrivals++;
    held.push(res);
  });
});
beforeAll(() => new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve)));
afterAll(() => {
  held.forEach((r) => r.end());
  return new Promise<void>((resolve) => server.close(() => resolve()));
});

describe('webhooks: a lease never runs out under a send in progress', () => {
  it('a worker that reaches the send with little lease left renews it first, so the due job does not send the message again meanwhile', async () => {
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}/slow`;
    const created = await api.call('POST', '/v1/webhook-endpoints', { body: { url, eventTypes: ['contact.created'], description: 'slow' } });
    expect(created.status).toBe(201);
    const endpoint = (await endpointItem(created.body.id))!;
    const eventId = newId();
    // Claimed by a worker (the fan-out) long ago: 5 s of its lease are left when it gets to send.
    const lease = new Date(Date.now() + 5_000).toISOString();
    const item = (await createDelivery(
      { messageId: messageIdOf(eventId, endpoint.endpointId), endpointId: endpoint.endpointId, eventId, eventType: 'contact.created', payload: '{"type":"contact.created"}' },
      new Date().toISOString(),
      lease,
    ))!;
    const sending = sendClaimed(item, lease, endpoint);
    await until(() => arrivals === 1, 'the send under way');

    // 10 s on, past the lease as claimed: the due job finds nothing due.
    const clock = advanceClock(10_000);
    try {
      await dueJob({}, {} as never);
    } finally {
      clock.restore();
    }
    expect(arrivals).toBe(1);
    held.shift()!.writeHead(200).end('ok');
    expect(await sending).toBe('delivered');
    expect(arrivals).toBe(1);
    const message = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.endpointId}/messages`)).body;
    expect(JSON.stringify(message)).toContain('delivered');
  });
});
