import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type Stripe from 'stripe';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runWithSecrets, useLocalSecrets } from '#packages/core/secrets/index.ts';
import { startLocalHttpServer } from '#packages/local/http-server.ts';
import { LOCAL_STRIPE_SECRET_KEY } from '#packages/local/stripe-standin/defaults.ts';
import { stripeDevRoutes } from '#packages/local/stripe-standin/dev-routes.ts';
import { startStripeStandIn, type StripeStandIn } from '#packages/local/stripe-standin/server.ts';
import { PaymentProviderError } from '#packages/payments/errors.ts';
import { createPaymentIntent, createRefund, retrievePaymentIntent } from '#packages/payments/stripe-client.ts';
import { verifyStripeWebhook } from '#packages/payments/webhook.ts';

const webhookSecret = 'whsec_integration_test';

interface Received {
  signature: string | undefined;
  body: Buffer;
}

/** A throwaway webhook endpoint: keeps the raw bytes, as a real one must. */
async function startReceiver(): Promise<{ url: string; received: Received[]; server: Server }> {
  const received: Received[] = [];
  const server = createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    received.push({ signature: req.headers['stripe-signature'] as string | undefined, body: Buffer.concat(chunks) });
    res.writeHead(200, { 'content-type': 'application/json' }).end('{"received":true}');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/v1/webhooks/stripe`, received, server };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
let standIn: StripeStandIn;
let devServer: Server;
let devUrl: string;

beforeAll(async () => {
  receiver = await startReceiver();
  standIn = await startStripeStandIn({ port: 0, webhookUrl: receiver.url, webhookSecret });
  // The dev controls mounted the way the local runner mounts them: as LocalRoutes on an API server.
  const dev = await startLocalHttpServer({ port: 0, routes: [], tokenSecret: 'unused', localRoutes: stripeDevRoutes(standIn) });
  devServer = dev.server;
  devUrl = dev.url;
  // Set before the payments module's first call: it builds its SDK client lazily from these.
  Object.assign(process.env, standIn.sdkEnv);
  // The key as the local runner provides it: outside a route, the payments module gets the local values.
  useLocalSecrets({ stripe: JSON.stringify({ secretKey: LOCAL_STRIPE_SECRET_KEY, webhookSecret }) });
});

afterAll(async () => {
  useLocalSecrets(null);
  await standIn?.stop();
  devServer?.closeAllConnections();
  await new Promise((resolve) => devServer?.close(resolve));
  receiver?.server.closeAllConnections();
  await new Promise((resolve) => receiver?.server.close(resolve));
});

// Loosely typed on purpose, like the e2e tests' api.call: assertions check the shape.
const json = (res: Response): Promise<any> => res.json();

const dev = async (method: string, path: string, body?: unknown) => {
  const res = await fetch(`${devUrl}${path}`, { method, body: body === undefined ? undefined : JSON.stringify(body) });
  return { status: res.status, type: res.headers.get('content-type'), body: await json(res) };
};

/** Verifies every delivery with the product's own verifier, so a bad signature fails the test here. */
const verifiedEvents = () => Promise.all(receiver.received.map((r) => verifyStripeWebhook(r.body, r.signature, webhookSecret)));
const eventsOfType = async <T extends Stripe.Event['type']>(type: T) => (await verifiedEvents()).filter((e): e is Extract<Stripe.Event, { type: T }> => e.type === type);

async function providerError(run: Promise<unknown>): Promise<PaymentProviderError> {
  try {
    await run;
  } catch (error) {
    expect(error).toBeInstanceOf(PaymentProviderError);
    return error as PaymentProviderError;
  }
  return expect.unreachable('the call succeeded') as never;
}

let orderSeq = 0;
const newOrderId = () => `01JDORDER${String(++orderSeq).padStart(17, '0')}`;

describe('payments module against the local Stripe stand-in, through the real SDK', () => {
  it('creates one PaymentIntent per order, however often it is asked', async () => {
    const orderId = newOrderId();
    const input = { orderId, amount: 2500, currency: 'EUR', description: 'Order 1', receiptEmail: 'ana@example.com' };
    const first = await createPaymentIntent(input);
    const again = await createPaymentIntent(input);
    expect(first.id).toMatch(/^pi_[0-9A-Za-z]{24}$/);
    expect(first.clientSecret).toMatch(new RegExp(`^${first.id}_secret_[0-9A-Za-z]+$`));
    expect(first.status).toBe('requires_payment_method');
    expect(again).toEqual(first);
    expect((await createPaymentIntent({ ...input, orderId: newOrderId() })).id).not.toBe(first.id);

    expect(await retrievePaymentIntent(first.id)).toEqual({
      id: first.id,
      status: 'requires_payment_method',
      orderId,
      amount: 2500,
      amountReceived: 0,
      currency: 'EUR',
      latestChargeId: null,
      lastPaymentError: null,
    });
  });

  it('refuses to reuse an order’s intent for a different amount', async () => {
    const orderId = newOrderId();
    await createPaymentIntent({ orderId, amount: 2500, currency: 'EUR' });
    const error = await providerError(createPaymentIntent({ orderId, amount: 3000, currency: 'EUR' }));
    expect(error).toMatchObject({ type: 'idempotency_error', retryable: false });
  });

  it('passes Stripe’s own refusals through as PaymentProviderError', async () => {
    expect(await providerError(createPaymentIntent({ orderId: newOrderId(), amount: 20, currency: 'EUR' }))).toMatchObject({
      type: 'invalid_request_error',
      code: 'amount_too_small',
      statusCode: 400,
      retryable: false,
    });
    expect(await providerError(retrievePaymentIntent('pi_doesnotexist'))).toMatchObject({ code: 'resource_missing', statusCode: 404 });
  });

  it('pays, refunds in two parts, refuses an over-refund, and re-delivers an event', async () => {
    const orderId = newOrderId();
    const intent = await createPaymentIntent({ orderId, amount: 2500, currency: 'EUR' });
    receiver.received.length = 0;

    // Refunding before payment is Stripe's refusal, not a crash.
    expect(await providerError(createRefund({ paymentIntentId: intent.id, idempotencyKey: `early-${orderId}` }))).toMatchObject({
      code: 'payment_intent_unexpected_state',
    });

    const paid = await dev('POST', `/dev/stripe/payment_intents/${intent.id}/succeed`);
    expect(paid.status).toBe(200);
    expect(paid.body).toMatchObject({ event: { id: expect.stringMatching(/^evt_/), type: 'payment_intent.succeeded' }, delivered: { status: 200 } });

    const [succeeded] = await eventsOfType('payment_intent.succeeded');
    expect(succeeded).toMatchObject({ id: paid.body.event.id, object: 'event', livemode: false, api_version: expect.any(String) });
    expect(succeeded!.data.object).toMatchObject({ id: intent.id, object: 'payment_intent', status: 'succeeded', amount: 2500, amount_received: 2500, metadata: { orderId } });
    const chargeId = succeeded!.data.object.latest_charge as string;
    expect(chargeId).toMatch(/^ch_/);
    expect(await retrievePaymentIntent(intent.id)).toMatchObject({ status: 'succeeded', amountReceived: 2500, latestChargeId: chargeId });

    const twice = await dev('POST', `/dev/stripe/payment_intents/${intent.id}/succeed`);
    expect(twice).toMatchObject({ status: 409, type: 'application/problem+json', body: { code: 'payment_intent_unexpected_state' } });

    const partial = await createRefund({ paymentIntentId: intent.id, amount: 1000, idempotencyKey: `refund-a-${orderId}`, reason: 'requested_by_customer', metadata: { orderId } });
    expect(partial).toMatchObject({ id: expect.stringMatching(/^re_/), status: 'succeeded', amount: 1000, currency: 'EUR' });
    // A retried refund (same key, same request) is the same refund, not a second payout.
    expect(await createRefund({ paymentIntentId: intent.id, amount: 1000, idempotencyKey: `refund-a-${orderId}`, reason: 'requested_by_customer', metadata: { orderId } })).toEqual(partial);
    expect(await providerError(createRefund({ paymentIntentId: intent.id, amount: 900, idempotencyKey: `refund-a-${orderId}` }))).toMatchObject({ type: 'idempotency_error' });

    expect(await providerError(createRefund({ paymentIntentId: intent.id, amount: 1501, idempotencyKey: `refund-b-${orderId}` }))).toMatchObject({
      type: 'invalid_request_error',
      code: 'amount_too_large',
      retryable: false,
    });
    const rest = await createRefund({ paymentIntentId: intent.id, idempotencyKey: `refund-c-${orderId}` });
    expect(rest).toMatchObject({ status: 'succeeded', amount: 1500 });
    expect(await providerError(createRefund({ paymentIntentId: intent.id, idempotencyKey: `refund-d-${orderId}` }))).toMatchObject({
      type: 'invalid_request_error',
      code: 'charge_already_refunded',
    });

    // Refund webhooks follow the API answer, as on Stripe, and may arrive in either order.
    await standIn.idle();
    const refunded = (await eventsOfType('charge.refunded')).map((e) => e.data.object).sort((a, b) => a.amount_refunded - b.amount_refunded);
    expect(refunded).toHaveLength(2);
    expect(refunded[0]).toMatchObject({ id: chargeId, object: 'charge', amount: 2500, amount_refunded: 1000, refunded: false, payment_intent: intent.id });
    expect(refunded[1]).toMatchObject({ id: chargeId, amount: 2500, amount_refunded: 2500, refunded: true, payment_intent: intent.id });
    expect(refunded[1]!.refunds?.data.map((r) => r.id).sort()).toEqual([partial.id, rest.id].sort());

    const before = receiver.received.length;
    const resent = await dev('POST', `/dev/stripe/events/${succeeded!.id}/resend`);
    expect(resent).toMatchObject({ status: 200, body: { event: { id: succeeded!.id, type: 'payment_intent.succeeded' }, delivered: { status: 200 } } });
    expect(receiver.received).toHaveLength(before + 1);
    const redelivered = receiver.received.at(-1)!;
    expect((await verifyStripeWebhook(redelivered.body, redelivered.signature, webhookSecret)).id).toBe(succeeded!.id);
    expect(redelivered.body.equals(receiver.received[0]!.body)).toBe(true);

    const listed = await dev('GET', '/dev/stripe/events');
    const mine = listed.body.items.find((e: { id: string }) => e.id === succeeded!.id);
    expect(mine.deliveries).toHaveLength(2);
    expect((await dev('POST', '/dev/stripe/events/evt_nope/resend')).status).toBe(404);
  });

  it('reports a declined payment, after which the customer can still pay', async () => {
    const orderId = newOrderId();
    const intent = await createPaymentIntent({ orderId, amount: 4200, currency: 'eur' });
    receiver.received.length = 0;

    const failed = await dev('POST', `/dev/stripe/payment_intents/${intent.id}/fail`, { declineCode: 'insufficient_funds' });
    expect(failed.body).toMatchObject({ event: { type: 'payment_intent.payment_failed' }, delivered: { status: 200 } });
    const [event] = await eventsOfType('payment_intent.payment_failed');
    expect(event!.data.object).toMatchObject({
      id: intent.id,
      status: 'requires_payment_method',
      metadata: { orderId },
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds' },
    });
    expect(await retrievePaymentIntent(intent.id)).toMatchObject({ lastPaymentError: { code: 'card_declined', declineCode: 'insufficient_funds' } });

    expect((await dev('POST', `/dev/stripe/payment_intents/${intent.id}/succeed`)).status).toBe(200);
    expect(await retrievePaymentIntent(intent.id)).toMatchObject({ status: 'succeeded', lastPaymentError: null });
    expect((await dev('POST', `/dev/stripe/payment_intents/pi_unknown/fail`)).status).toBe(404);
    expect((await dev('POST', `/dev/stripe/payment_intents/${intent.id}/fail`, { declineCode: 42 })).status).toBe(400);
  });
});

describe('the stand-in speaks Stripe’s wire format', () => {
  const form = (fields: Record<string, string>) => new URLSearchParams(fields).toString();
  const post = (path: string, body: string, headers: Record<string, string> = {}) =>
    fetch(`${standIn.url}${path}`, {
      method: 'POST',
      headers: { authorization: `Bearer ${LOCAL_STRIPE_SECRET_KEY}`, 'content-type': 'application/x-www-form-urlencoded', ...headers },
      body,
    });

  it('answers 401 in Stripe’s shape without a test-mode key, and never echoes the key', async () => {
    const missing = await fetch(`${standIn.url}/v1/payment_intents/pi_x`);
    expect(missing.status).toBe(401);
    expect((await json(missing)).error).toMatchObject({ type: 'invalid_request_error', message: expect.stringContaining('API key') });
    const live = await post('/v1/payment_intents', form({ amount: '100', currency: 'eur' }), { authorization: 'Bearer sk_live_secret987' });
    expect(live.status).toBe(401);
    expect(await live.text()).not.toContain('secret987');

    const liveKey = { stripe: { secretKey: 'sk_live_secret987', webhookSecret } };
    const error = await providerError(runWithSecrets(liveKey, () => createPaymentIntent({ orderId: newOrderId(), amount: 100, currency: 'EUR' })));
    expect(error).toMatchObject({ statusCode: 401, retryable: false });
    expect(error.message).not.toContain('secret987');
  });

  it('reads bracketed form fields and refuses unknown parameters', async () => {
    const ok = await post('/v1/payment_intents', 'amount=1500&currency=EUR&metadata[orderId]=o-42&metadata[source]=box%20office&automatic_payment_methods[enabled]=true');
    const intent = await json(ok);
    expect(ok.status).toBe(200);
    expect(ok.headers.get('request-id')).toMatch(/^req_/);
    expect(intent).toMatchObject({ object: 'payment_intent', amount: 1500, currency: 'eur', metadata: { orderId: 'o-42', source: 'box office' }, automatic_payment_methods: { enabled: true } });

    const unknown = await post('/v1/payment_intents', 'amount=1500&currency=eur&amount_typo=1');
    expect(unknown.status).toBe(400);
    expect((await json(unknown)).error).toMatchObject({ type: 'invalid_request_error', code: 'parameter_unknown', param: 'amount_typo' });
    const missing = await post('/v1/payment_intents', 'currency=eur');
    expect((await json(missing)).error).toMatchObject({ code: 'parameter_missing', param: 'amount' });
    const notRouted = await post('/v1/customers', '');
    expect(notRouted.status).toBe(404);
  });

  it('replays an idempotent request with Idempotent-Replayed, and refuses the key with other parameters', async () => {
    const first = await post('/v1/payment_intents', 'amount=999&currency=eur', { 'idempotency-key': 'wire-1' });
    const replay = await post('/v1/payment_intents', 'currency=eur&amount=999', { 'idempotency-key': 'wire-1' });
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    expect((await json(replay)).id).toBe((await json(first)).id);
    const other = await post('/v1/payment_intents', 'amount=1000&currency=eur', { 'idempotency-key': 'wire-1' });
    expect(other.status).toBe(400);
    expect((await json(other)).error.type).toBe('idempotency_error');
  });
});
