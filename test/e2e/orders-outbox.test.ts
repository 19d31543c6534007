import { describe, expect, it } from 'vitest';
import { relayOutbox } from '#packages/core/bus/outbox.ts';
import { db } from '#packages/core/db/service.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

const published = (detailType: string, orderId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === detailType && (e.detail as { data?: { orderId?: string } }).data?.orderId === orderId);

describe("a pending order's order.created, left to the outbox relay", () => {
  it('is not on the bus after the request, is published once by the relay, and its row is gone after', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const order = await givenOrder(api.call, event.id, type.id);
    expect(order.payment?.paymentIntentId).toMatch(/^pi_/);

    // Written in the order's transaction; the request itself put nothing on the bus.
    const rows = await Promise.all(
      Array.from({ length: 8 }, (_, shard) => db().entities.outboxEvent.query.pending({ shard }).go({ pages: 'all' })),
    );
    const mine = rows.flatMap((r) => r.data).filter((row) => row.detailType === 'order.created' && row.detail.includes(order.id));
    expect(mine).toHaveLength(1);
    expect(published('order.created', order.id)).toHaveLength(0);

    // The relay (every minute, rows older than a minute; here without the wait) publishes it with its own event id…
    expect(await relayOutbox(0)).toBeGreaterThanOrEqual(1);
    const sent = published('order.created', order.id);
    expect(sent).toHaveLength(1);
    expect((sent[0]!.detail as { metadata: { id: string } }).metadata.id).toBe(mine[0]!.eventId);
    expect(await db().entities.outboxEvent.get({ eventId: mine[0]!.eventId }).go()).toMatchObject({ data: null });

    // …once: a second run finds nothing of it.
    await relayOutbox(0);
    expect(published('order.created', order.id)).toHaveLength(1);
  });
});
