import Stripe from 'stripe';
import { beforeAll, describe, expect, it } from 'vitest';
import { runWithSecrets } from '#packages/core/secrets/index.ts';
import { PaymentProviderError, toPaymentProviderError } from '#packages/payments/errors.ts';
import { createPaymentIntent, createRefund, stripeConfigFromEnv, stripeSdk, summarizePaymentIntent } from '#packages/payments/stripe-client.ts';
import { loadStripe, loadedStripe } from '#packages/payments/stripe-sdk.ts';

describe('the Stripe SDK', () => {
  it('is not loaded by importing the payment code, only by its first use', async () => {
    expect(loadedStripe()).toBeUndefined();
    const bug = new TypeError('x is undefined');
    expect(toPaymentProviderError(bug)).toBe(bug);
    expect(loadedStripe()).toBeUndefined();
    await stripeSdk({ secretKey: 'sk_test_a', host: '127.0.0.1', port: 1, protocol: 'http' });
    expect(loadedStripe()).toBe(Stripe);
  });
});

describe('stripeConfigFromEnv', () => {
  it('reads the key from the secrets of the current route, and the optional local endpoint', () => {
    const stripe = { secretKey: 'sk_test_local', webhookSecret: 'whsec_x' };
    expect(runWithSecrets({ stripe }, () => stripeConfigFromEnv({}))).toEqual({ secretKey: 'sk_test_local' });
    expect(
      stripeConfigFromEnv({ STRIPE_API_HOST: '127.0.0.1', STRIPE_API_PORT: '12111', STRIPE_API_PROTOCOL: 'http' }, 'sk_test_local'),
    ).toEqual({ secretKey: 'sk_test_local', host: '127.0.0.1', port: 12111, protocol: 'http' });
    expect(() => runWithSecrets({}, () => stripeConfigFromEnv({}))).toThrow(/not in the secrets this route or consumer declares/);
  });

  it('fails naming what is wrong, never echoing the key', () => {
    expect(() => stripeConfigFromEnv({}, ' ')).toThrow('The Stripe secret key is empty');
    let message = '';
    try {
      stripeConfigFromEnv({}, 'pk_test_publishable123');
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toMatch(/not a Stripe secret key/);
    expect(message).not.toContain('publishable123');
    expect(() => stripeConfigFromEnv({ STRIPE_API_PORT: 'abc' }, 'sk_test_x')).toThrow(/STRIPE_API_PORT/);
    expect(() => stripeConfigFromEnv({ STRIPE_API_PROTOCOL: 'ftp' }, 'sk_test_x')).toThrow(/STRIPE_API_PROTOCOL/);
  });
});

describe('stripeSdk', () => {
  it('builds one client and reuses it until the configuration changes', async () => {
    const a = await stripeSdk({ secretKey: 'sk_test_a', host: '127.0.0.1', port: 1, protocol: 'http' });
    expect(await stripeSdk({ secretKey: 'sk_test_a', host: '127.0.0.1', port: 1, protocol: 'http' })).toBe(a);
    expect(await stripeSdk({ secretKey: 'sk_test_a', host: '127.0.0.1', port: 2, protocol: 'http' })).not.toBe(a);
  });
});

describe('input checks happen before any call to Stripe', () => {
  it('refuses amounts that are not positive integers of minor units, and bad currencies', async () => {
    const base = { orderId: '01JD0000000000000000000000', currency: 'EUR' };
    await expect(createPaymentIntent({ ...base, amount: 12.5 })).rejects.toThrow(RangeError);
    await expect(createPaymentIntent({ ...base, amount: 0 })).rejects.toThrow(RangeError);
    await expect(createPaymentIntent({ ...base, amount: 100, currency: 'euro' })).rejects.toThrow(RangeError);
    await expect(createRefund({ paymentIntentId: 'pi_x', amount: -1, idempotencyKey: 'k' })).rejects.toThrow(RangeError);
    await expect(createRefund({ paymentIntentId: '../v1/charges', idempotencyKey: 'k' })).rejects.toThrow(RangeError);
  });
});

describe('toPaymentProviderError', () => {
  // The payment code loads the SDK on its first call to Stripe; a Stripe error only exists after that.
  beforeAll(async () => {
    await loadStripe();
  });

  const stripeError = (Type: new (raw: object) => Error, raw: object) => new Type(raw);

  it('keeps Stripe’s type and code, and says a refusal is not worth retrying', () => {
    const mapped = toPaymentProviderError(
      stripeError(Stripe.errors.StripeInvalidRequestError, {
        type: 'invalid_request_error',
        code: 'amount_too_large',
        message: 'Refund amount is greater than unrefunded amount',
        statusCode: 400,
        requestId: 'req_1',
      }),
    ) as PaymentProviderError;
    expect(mapped).toBeInstanceOf(PaymentProviderError);
    expect(mapped).toMatchObject({ type: 'invalid_request_error', code: 'amount_too_large', statusCode: 400, requestId: 'req_1', retryable: false });
  });

  it('marks network failures, rate limits, 5xx and lock conflicts retryable', () => {
    const cases = [
      stripeError(Stripe.errors.StripeConnectionError, { message: 'An error occurred with our connection to Stripe.' }),
      stripeError(Stripe.errors.StripeRateLimitError, { type: 'rate_limit_error', statusCode: 429, message: 'Too many requests' }),
      stripeError(Stripe.errors.StripeAPIError, { type: 'api_error', statusCode: 500, message: 'Something went wrong' }),
      stripeError(Stripe.errors.StripeAPIError, { type: 'invalid_request_error', code: 'lock_timeout', statusCode: 409, message: 'Locked' }),
    ];
    for (const error of cases) expect((toPaymentProviderError(error) as PaymentProviderError).retryable).toBe(true);
    expect((toPaymentProviderError(cases[0]) as PaymentProviderError).type).toBe('api_connection_error');
  });

  it('carries card declines as card_error with the decline code', () => {
    const mapped = toPaymentProviderError(
      stripeError(Stripe.errors.StripeCardError, { type: 'card_error', code: 'card_declined', decline_code: 'insufficient_funds', statusCode: 402, message: 'Declined' }),
    ) as PaymentProviderError;
    expect(mapped).toMatchObject({ type: 'card_error', code: 'card_declined', declineCode: 'insufficient_funds', retryable: false });
  });

  it('redacts any key that appears in a message', () => {
    const mapped = toPaymentProviderError(
      stripeError(Stripe.errors.StripeAuthenticationError, { type: 'invalid_request_error', statusCode: 401, message: 'Invalid API Key provided: sk_test_abc123DEF' }),
    ) as PaymentProviderError;
    expect(mapped.message).not.toContain('abc123DEF');
    expect(mapped.message).toContain('sk_test_[redacted]');
    expect(JSON.stringify({ ...mapped, message: mapped.message })).not.toContain('abc123DEF');
  });

  it('leaves errors that are not Stripe’s (bugs) untouched', () => {
    const bug = new TypeError('x is undefined');
    expect(toPaymentProviderError(bug)).toBe(bug);
  });
});

describe('summarizePaymentIntent', () => {
  it('reads the order id, upper-cases the currency and flattens the failure', () => {
    const summary = summarizePaymentIntent({
      id: 'pi_1',
      status: 'requires_payment_method',
      metadata: { orderId: 'o1' },
      amount: 2500,
      amount_received: 0,
      currency: 'eur',
      latest_charge: 'ch_1',
      last_payment_error: { type: 'card_error', code: 'card_declined', decline_code: 'generic_decline', message: 'Your card was declined.' },
    } as unknown as Stripe.PaymentIntent);
    expect(summary).toEqual({
      id: 'pi_1',
      status: 'requires_payment_method',
      orderId: 'o1',
      amount: 2500,
      amountReceived: 0,
      currency: 'EUR',
      latestChargeId: 'ch_1',
      lastPaymentError: { code: 'card_declined', declineCode: 'generic_decline', message: 'Your card was declined.' },
    });
  });
});
