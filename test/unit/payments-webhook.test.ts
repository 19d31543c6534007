import Stripe from 'stripe';
import { describe, expect, it } from 'vitest';
import { InvalidWebhookSignature, rawBodyOf, stripeWebhookSecret, verifyStripeWebhook } from '#packages/payments/webhook.ts';
import { runWithSecrets } from '#packages/core/secrets/index.ts';

const secret = 'whsec_unit_test_secret';
const nowSeconds = () => Math.floor(Date.now() / 1000);

// Pretty-printed and with a non-ASCII character, as Stripe's bodies can be: both must survive untouched.
const payload = JSON.stringify(
  {
    id: 'evt_unit1',
    object: 'event',
    api_version: Stripe.API_VERSION,
    created: nowSeconds(),
    data: { object: { id: 'pi_unit1', object: 'payment_intent', amount: 2500, currency: 'eur', metadata: { orderId: 'Café-01' } } },
    livemode: false,
    type: 'payment_intent.succeeded',
  },
  null,
  2,
);

const sign = (body: string, options: { secret?: string; timestamp?: number } = {}) =>
  Stripe.webhooks.generateTestHeaderString({ payload: body, secret: options.secret ?? secret, timestamp: options.timestamp ?? nowSeconds() });

async function rejection(run: () => Promise<unknown>): Promise<InvalidWebhookSignature> {
  try {
    await run();
  } catch (error) {
    expect(error).toBeInstanceOf(InvalidWebhookSignature);
    return error as InvalidWebhookSignature;
  }
  return expect.unreachable('the webhook was accepted') as never;
}

describe('verifyStripeWebhook', () => {
  it('accepts a correctly signed body, as a string or as bytes, and returns the typed event', async () => {
    const header = sign(payload);
    for (const body of [payload, Buffer.from(payload, 'utf8')]) {
      const event = await verifyStripeWebhook(body, header, secret);
      expect(event.id).toBe('evt_unit1');
      expect(event.type).toBe('payment_intent.succeeded');
      if (event.type === 'payment_intent.succeeded') expect(event.data.object.metadata.orderId).toBe('Café-01');
    }
  });

  it('rejects a body changed after signing, even one only re-serialised', async () => {
    const header = sign(payload);
    expect((await rejection(() => verifyStripeWebhook(payload.replace('2500', '1'), header, secret))).reason).toBe('signature_mismatch');
    expect((await rejection(() => verifyStripeWebhook(JSON.stringify(JSON.parse(payload)), header, secret))).reason).toBe('signature_mismatch');
  });

  it('rejects a signature made with another secret', async () => {
    expect((await rejection(() => verifyStripeWebhook(payload, sign(payload, { secret: 'whsec_someone_else' }), secret))).reason).toBe('signature_mismatch');
  });

  it('rejects a delivery older than the 300 s tolerance, and accepts one just inside it', async () => {
    const stale = sign(payload, { timestamp: nowSeconds() - 301 });
    expect((await rejection(() => verifyStripeWebhook(payload, stale, secret))).reason).toBe('timestamp_out_of_tolerance');
    expect((await verifyStripeWebhook(payload, sign(payload, { timestamp: nowSeconds() - 290 }), secret)).id).toBe('evt_unit1');
    expect((await rejection(() => verifyStripeWebhook(payload, sign(payload, { timestamp: nowSeconds() - 120 }), secret, { toleranceSeconds: 60 }))).reason).toBe(
      'timestamp_out_of_tolerance',
    );
  });

  it('judges age against receivedAt when given', async () => {
    const header = sign(payload, { timestamp: 1_700_000_000 });
    expect((await verifyStripeWebhook(payload, header, secret, { receivedAt: 1_700_000_100_000 })).id).toBe('evt_unit1');
    expect((await rejection(() => verifyStripeWebhook(payload, header, secret, { receivedAt: 1_700_000_400_000 }))).reason).toBe('timestamp_out_of_tolerance');
  });

  it('rejects a missing or malformed Stripe-Signature header', async () => {
    expect((await rejection(() => verifyStripeWebhook(payload, undefined, secret))).reason).toBe('missing_header');
    expect((await rejection(() => verifyStripeWebhook(payload, '', secret))).reason).toBe('missing_header');
    expect((await rejection(() => verifyStripeWebhook(payload, 'garbage', secret))).reason).toBe('malformed_header');
    expect((await rejection(() => verifyStripeWebhook(payload, `t=${nowSeconds()}`, secret))).reason).toBe('malformed_header');
  });

  it('rejects an empty body and a signed body that is not an event', async () => {
    expect((await rejection(() => verifyStripeWebhook('', sign(''), secret))).reason).toBe('malformed_payload');
    expect((await rejection(() => verifyStripeWebhook('not json', sign('not json'), secret))).reason).toBe('malformed_payload');
    expect((await rejection(() => verifyStripeWebhook('{"hello":1}', sign('{"hello":1}'), secret))).reason).toBe('malformed_payload');
  });

  it('never puts the secret, the signature or the body in its message', async () => {
    const header = sign(payload, { secret: 'whsec_someone_else' });
    const error = await rejection(() => verifyStripeWebhook(payload, header, secret));
    expect(error.message).not.toContain(secret);
    expect(error.message).not.toContain(header.split('v1=')[1]);
    expect(error.message).not.toContain('pi_unit1');
  });

  it('treats an empty secret or a zero tolerance as our misconfiguration, not a bad request', async () => {
    const header = sign(payload);
    await expect(verifyStripeWebhook(payload, header, ' ')).rejects.toThrow(/secret is empty/);
    await expect(verifyStripeWebhook(payload, header, '')).rejects.toThrow(/secret is empty/);
    await expect(verifyStripeWebhook(payload, header, secret, { toleranceSeconds: 0 })).rejects.toThrow(RangeError);
  });
});

describe('rawBodyOf', () => {
  it('decodes a base64 body from API Gateway to the signed bytes', async () => {
    const header = sign(payload);
    const raw = rawBodyOf({ body: Buffer.from(payload, 'utf8').toString('base64'), isBase64Encoded: true });
    expect(raw.equals(Buffer.from(payload, 'utf8'))).toBe(true);
    expect((await verifyStripeWebhook(raw, header, secret)).id).toBe('evt_unit1');
  });

  it('keeps a text body byte for byte, and an absent body empty', async () => {
    const header = sign(payload);
    expect((await verifyStripeWebhook(rawBodyOf({ body: payload, isBase64Encoded: false }), header, secret)).id).toBe('evt_unit1');
    expect(rawBodyOf({ isBase64Encoded: false }).length).toBe(0);
    expect((await rejection(() => verifyStripeWebhook(rawBodyOf({ isBase64Encoded: false }), header, secret))).reason).toBe('malformed_payload');
  });
});

describe('stripeWebhookSecret', () => {
  it('reads the webhook secret of the route, and refuses to run without one', () => {
    expect(runWithSecrets({ stripe: { secretKey: 'sk_test_x', webhookSecret: 'whsec_x' } }, stripeWebhookSecret)).toBe('whsec_x');
    expect(() => runWithSecrets({}, stripeWebhookSecret)).toThrow(/stripe secret is not in the secrets/);
    expect(() => stripeWebhookSecret()).toThrow(/outside a route or consumer/);
  });
});
