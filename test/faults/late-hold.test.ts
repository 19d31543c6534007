import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, inject, it, vi } from 'vitest';
import { answerBoundMs, dependencyTimeouts } from '#packages/core/dependencies/timeouts.ts';
import { expireHolds } from '#packages/features/orders/expire-holds.ts';
import { startLocalStack, type LocalStack } from '#packages/local/local-stack.ts';
import { apiCaller, type ApiCaller } from '../support/local-api.ts';
import { availability, buy, countsOf, getOrder, givenPublishedEvent, givenTicketType, listAllOrders } from '../support/sales-fixtures.ts';
import { startStallingProxy, type StallingProxy } from '../support/stalling-proxy.ts';

// The deployed timeouts (packages/core/dependencies/timeouts.ts), set before the imports build the SDK clients.
vi.hoisted(() => {
  process.env.DEPENDENCY_TIMEOUT_SCALE = '1';
});

/** Generous: a loaded two-core machine fires timers late. Only "no hang" is asserted, never speed. */
const SLACK_MS = 8_000;

/**
 * A request the API gave up on must not leave an effect nobody cleans up.
 * DynamoDB is reached through a proxy that holds the order's transaction:
 * the API answers 503 when its time is up, and the transaction reaches
 * DynamoDB afterwards — a hold on seats for an order no client knows. The
 * hold sweeper (expireHolds, which decides expiry by the `now` it is given)
 * must release it once it expires, and not before.
 */
describe('a hold created after the API answered 503', () => {
  let proxy: StallingProxy;
  let stack: LocalStack;
  let call: ApiCaller;

  beforeAll(async () => {
    proxy = await startStallingProxy(inject('dynamoEndpoint'));
    stack = await startLocalStack({
      apiPort: 0,
      busPort: 0,
      sesPort: 0,
      dynamoEndpoint: proxy.endpoint,
      sesEndpoint: inject('sesEndpoint'),
      tableName: process.env.TABLE_NAME!,
    });
    call = apiCaller(stack);
  });
  afterAll(async () => {
    await proxy?.release();
    await stack?.stop();
    await proxy?.stop();
  });

  it('is released by the hold sweeper when it expires, and the buyer’s retry gets an order of its own', async () => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { capacity: 5 });
    const key = randomUUID();

    // The order's transaction never reaches DynamoDB while the API waits for it.
    proxy.stall(/\.TransactWriteItems$/);
    const started = performance.now();
    const refused = await buy(call, event.id, type.id, { idempotencyKey: key });
    const ms = performance.now() - started;
    expect(refused.status).toBe(503);
    expect(refused.headers.get('content-type')).toBe('application/problem+json');
    expect(refused.headers.get('retry-after')).toBe(String(dependencyTimeouts.retryAfterSeconds));
    expect(refused.body).toMatchObject({ status: 503, code: 'dependency_unavailable' });
    expect(ms).toBeLessThan(answerBoundMs() + SLACK_MS);
    expect(proxy.held()).toBeGreaterThan(0);
    expect(countsOf(await availability(call, event.id), type.id).held).toBe(0);

    // DynamoDB wakes up and takes the transaction: a seat is held for an order nobody was given.
    await proxy.release();
    expect(countsOf(await availability(call, event.id), type.id).held).toBe(1);
    const [late] = (await listAllOrders(call, event.id, { status: 'pending' })).items;
    expect(late).toBeDefined();

    // The buyer retries as told, same key: the first attempt was released, so this one runs and gets its own order.
    const retried = await buy(call, event.id, type.id, { idempotencyKey: key });
    expect(retried.status).toBe(201);
    expect(retried.body.id).not.toBe(late!.id);
    expect(countsOf(await availability(call, event.id), type.id).held).toBe(2);

    // The sweeper leaves the late hold alone until it expires, then releases exactly it.
    const lateExpiry = Date.parse(late!.expiresAt);
    expect(Date.parse(retried.body.expiresAt)).toBeGreaterThan(lateExpiry);
    expect(await expireHolds(new Date(lateExpiry - 1).toISOString())).toEqual({ expired: 0 });
    expect(await expireHolds(new Date(lateExpiry + 1).toISOString())).toEqual({ expired: 1 });
    expect((await getOrder(call, late!.id)).status).toBe('expired');
    expect((await getOrder(call, retried.body.id)).status).toBe('pending');
    expect(countsOf(await availability(call, event.id), type.id)).toMatchObject({ capacity: 5, sold: 0, held: 1, available: 4 });
  }, 120_000);
});
