import { describe, expect, it, vi } from 'vitest';
import { handler as cancellationConsumer } from '#functions/consumers/event-cancellation.ts';
import { handler as dueJob } from '#functions/jobs/event-cancellations-due.ts';
import { crashesSoFar, resetCrashHooks } from '#packages/features/events/cancellation/test-crash-hook.ts';
import { freePort } from '../support/free-port.ts';
import { useTestApi, type ApiCaller } from '../support/local-api.ts';
import {
  availability,
  countsOf,
  emailsTo,
  getOrder,
  givenOrder,
  givenPaidOrder,
  givenPublishedEvent,
  givenTicketType,
  pay,
  type OrderBody,
} from '../support/sales-fixtures.ts';

// Many orders bought through the API, each paid through the Stripe stand-in: slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const api = useTestApi();
const call: ApiCaller = (...args) => api.call(...args);

const scan = (eventId: string, code: string) => api.call('POST', `/v1/events/${eventId}/check-ins`, { body: { code, deviceId: 'gate-1' }, role: 'scanner' });

async function withEnv<T>(vars: Record<string, string>, run: () => Promise<T>): Promise<T> {
  const before = Object.fromEntries(Object.keys(vars).map((k) => [k, process.env[k]]));
  Object.assign(process.env, vars);
  try {
    return await run();
  } finally {
    for (const [k, v] of Object.entries(before)) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
  }
}

async function cancellationOf(eventId: string) {
  const res = await api.call('GET', `/v1/events/${eventId}`);
  expect(res.status).toBe(200);
  return res.body.cancellation as Record<string, unknown> & { status: string };
}

/** Drives the job to its end as the deployed schedule would: deliveries, then the due job when it waits (leases, retries). */
async function untilDone(eventId: string) {
  for (let i = 0; i < 600; i++) {
    await api.bus.drain();
    const c = await cancellationOf(eventId);
    if (c.status === 'done') return c;
    await dueJob({}, {} as never);
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`cancellation of ${eventId} did not finish: ${JSON.stringify(await cancellationOf(eventId))}`);
}

/** Stripe's charge.refunded events for a PaymentIntent: one per refund it made. */
async function refundsAtStripe(paymentIntentId: string): Promise<number> {
  await api.stripe.idle();
  const list = await api.call('GET', '/dev/stripe/events', { role: null });
  let n = 0;
  for (const e of list.body.items as Array<{ id: string; type: string }>) {
    if (e.type !== 'charge.refunded') continue;
    const one = await api.call('GET', `/dev/stripe/events/${e.id}`, { role: null });
    if (one.body.event.data.object.payment_intent === paymentIntentId) n++;
  }
  return n;
}

const cancellationMail = async (address: string) => (await emailsTo(api.mailUrl, address)).filter((m) => m.subject.startsWith('Canceled:'));

async function givenSales(paid: number, pending: number) {
  const event = await givenPublishedEvent(call);
  const type = await givenTicketType(call, event.id, { capacity: 50, price: { amount: 2500, currency: 'EUR' } });
  const paidOrders: OrderBody[] = [];
  for (let i = 0; i < paid; i++) paidOrders.push(await givenPaidOrder(call, event.id, type.id, { quantity: 2 - (i % 2) }));
  const pendingOrders: OrderBody[] = [];
  for (let i = 0; i < pending; i++) pendingOrders.push(await givenOrder(call, event.id, type.id, { quantity: 3 }));
  await api.bus.drain();
  return { event, type, paidOrders, pendingOrders };
}

describe('canceling an event', () => {
  it('voids its tickets for scanning at once (before any refund), cancels pending orders and releases their seats', async () => {
    const { event, type, paidOrders, pendingOrders } = await givenSales(1, 1);
    const [a1, a2] = [paidOrders[0]!.tickets![0]!, paidOrders[0]!.tickets![1]!];
    expect((await scan(event.id, a1.code)).status).toBe(201);
    expect(countsOf(await availability(call, event.id), type.id)).toMatchObject({ sold: 2, held: 3 });

    // Nothing of the job runs yet: the refusal cannot come from a voided ticket.
    api.bus.pause();
    try {
      const canceled = await api.call('POST', `/v1/events/${event.id}/cancel`);
      expect(canceled.status).toBe(200);
      expect(canceled.body).toMatchObject({ status: 'canceled', cancellation: { status: 'running', phase: 'pending', refunded: 0, emailed: 0 } });
      const refused = await scan(event.id, a2.code);
      expect([refused.status, refused.body.code, refused.body.eventStatus]).toEqual([422, 'canceled', 'canceled']);
      expect((await getOrder(call, paidOrders[0]!.id)).tickets!.every((t) => t.status === 'valid')).toBe(true);
    } finally {
      api.bus.resume();
    }

    const done = await untilDone(event.id);
    expect(done).toMatchObject({ status: 'done', pendingCanceled: 1, ordersTotal: 1, refunded: 1, failed: 0, emailed: 1 });
    expect((await getOrder(call, pendingOrders[0]!.id)).status).toBe('canceled');
    expect(countsOf(await availability(call, event.id), type.id)).toEqual({ capacity: 50, sold: 0, held: 0, available: 50 });
    // The canceled event's tickets stay refused, now also void.
    expect((await scan(event.id, a2.code)).body.code).toBe('canceled');
  });

  it('refunds every paid order once through Stripe across chunks, a duplicated event.canceled and two crashes; one email per buyer', async () => {
    const { event, paidOrders, pendingOrders } = await givenSales(7, 1);
    const result = await withEnv(
      {
        EVENT_CANCEL_CHUNK: '2',
        EVENT_CANCEL_CONCURRENCY: '1',
        // Crash once after SES accepted the 3rd email (2nd chunk), once after Stripe refunded the 5th order (3rd chunk), each before recording it.
        EVENT_CANCEL_TEST_CRASH_AFTER_EMAILS: '3',
        EVENT_CANCEL_TEST_CRASH_AFTER_REFUNDS: '5',
        EVENT_CANCEL_CLAIM_LEASE_SECONDS: '1',
      },
      async () => {
        resetCrashHooks();
        expect((await api.call('POST', `/v1/events/${event.id}/cancel`)).status).toBe(200);
        // EventBridge delivers at least once: the same event.canceled twice more, at the same time as the bus's own delivery.
        const delivered = api.bus.recent.find((e) => e['detail-type'] === 'event.canceled' && (e.detail as any).data.eventId === event.id)!;
        expect(delivered).toBeDefined();
        await Promise.all([cancellationConsumer(delivered, {} as never), cancellationConsumer(delivered, {} as never)]);
        return untilDone(event.id);
      },
    );
    // The crashes happened and were retried, not dead-lettered.
    expect(crashesSoFar()).toEqual({ refund: true, email: true });
    expect(api.bus.deadLetters.filter((d) => d.consumer === 'event-cancellation')).toEqual([]);

    // Every chunk delivered again after the end: nothing moves.
    const chunks = api.bus.recent.filter((e) => ['event.canceled', 'event.cancellation_chunk'].includes(e['detail-type']) && (e.detail as any).data.eventId === event.id);
    expect(chunks.length).toBeGreaterThan(4);
    await Promise.all(chunks.map((e) => cancellationConsumer(e, {} as never)));
    await api.bus.drain();
    expect(await cancellationOf(event.id)).toEqual(result);

    const unknown = result.emailUnknown as number;
    expect(unknown).toBeGreaterThanOrEqual(1); // the crashed email: sent once, in doubt, never resent
    expect(result).toMatchObject({ status: 'done', pendingCanceled: 1, ordersFound: 7, ordersTotal: 7, refunded: 7, failed: 0, emailed: 7 - unknown, emailFailed: 0 });
    expect((await getOrder(call, pendingOrders[0]!.id)).status).toBe('canceled');
    for (const o of paidOrders) {
      const after = await getOrder(call, o.id);
      expect(after.status, o.id).toBe('refunded');
      expect(after.refunded.amount).toBe(o.total.amount);
      expect(await refundsAtStripe(o.payment!.paymentIntentId), o.id).toBe(1);
      const buyer = (await api.call('GET', `/v1/orders/${o.id}`)).body.buyer.email as string;
      expect(await cancellationMail(buyer), buyer).toHaveLength(1);
    }
  });

  it('an order paid after its event was canceled is refunded and its buyer told, once', async () => {
    const { event, pendingOrders } = await givenSales(0, 1);
    expect((await api.call('POST', `/v1/events/${event.id}/cancel`)).status).toBe(200);
    await untilDone(event.id);
    expect((await getOrder(call, pendingOrders[0]!.id)).status).toBe('canceled');

    // The buyer's payment goes through after all (the PaymentIntent was still open).
    await pay(call, pendingOrders[0]!);
    const done = await untilDone(event.id);
    const after = await getOrder(call, pendingOrders[0]!.id);
    expect(after.status).toBe('refunded');
    expect(await refundsAtStripe(pendingOrders[0]!.payment!.paymentIntentId)).toBe(1);
    const buyer = (await api.call('GET', `/v1/orders/${after.id}`)).body.buyer.email as string;
    expect(await cancellationMail(buyer)).toHaveLength(1);
    expect(done).toMatchObject({ ordersFound: 1, refunded: 1, emailed: 1 });
  });

  it('while Stripe is unreachable the job waits and says why, then resumes and refunds each order once', async () => {
    const { event, paidOrders } = await givenSales(3, 0);
    const port = String(await freePort());
    await withEnv({ STRIPE_API_PORT: port, EVENT_CANCEL_RETRY_SECONDS: '1' }, async () => {
      expect((await api.call('POST', `/v1/events/${event.id}/cancel`)).status).toBe(200);
      await api.bus.drain();
      const waiting = await cancellationOf(event.id);
      expect(waiting).toMatchObject({ status: 'running', phase: 'paid', refunded: 0, failed: 0 });
      expect(waiting.lastError).toBeTruthy();
      expect(waiting.nextAttemptAt).toBeTruthy();
    });
    const done = await withEnv({ EVENT_CANCEL_RETRY_SECONDS: '1' }, () => untilDone(event.id));
    expect(done).toMatchObject({ status: 'done', ordersTotal: 3, refunded: 3, failed: 0, emailed: 3 });
    expect(done.lastError).toBeUndefined();
    for (const o of paidOrders) expect(await refundsAtStripe(o.payment!.paymentIntentId)).toBe(1);
  });
});
