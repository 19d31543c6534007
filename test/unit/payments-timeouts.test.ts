import { describe, expect, it } from 'vitest';
import { DEFAULT_STRIPE_TIMEOUTS, stripeTimeoutsFromEnv } from '#packages/payments/stripe-timeouts.ts';

/** The HTTP functions' Lambda timeout (infra/constructs/eventos-function.ts). */
const HTTP_LAMBDA_TIMEOUT_MS = 10_000;
/** The SDK never sleeps less than this between attempts (stripe-node's initialNetworkRetryDelay). */
const SDK_MIN_RETRY_SLEEP_MS = 500;

describe('Stripe timeouts', () => {
  it('bound every call, retries included, well under the HTTP Lambda timeout', () => {
    const { connectMs, requestMs, maxNetworkRetries } = DEFAULT_STRIPE_TIMEOUTS;
    const attempts = maxNetworkRetries + 1;
    const worst = attempts * (connectMs + requestMs) + maxNetworkRetries * SDK_MIN_RETRY_SLEEP_MS;
    expect(maxNetworkRetries).toBeLessThanOrEqual(2);
    expect(worst).toBeLessThanOrEqual(HTTP_LAMBDA_TIMEOUT_MS * 0.8);
  });

  it('can be shortened from the environment, and refuse nonsense', () => {
    expect(stripeTimeoutsFromEnv({})).toEqual(DEFAULT_STRIPE_TIMEOUTS);
    // The test suite's scale stretches the defaults, never an explicit value nor the retries.
    expect(stripeTimeoutsFromEnv({ DEPENDENCY_TIMEOUT_SCALE: '8' })).toEqual({
      connectMs: DEFAULT_STRIPE_TIMEOUTS.connectMs * 8,
      requestMs: DEFAULT_STRIPE_TIMEOUTS.requestMs * 8,
      maxNetworkRetries: DEFAULT_STRIPE_TIMEOUTS.maxNetworkRetries,
    });
    expect(stripeTimeoutsFromEnv({ DEPENDENCY_TIMEOUT_SCALE: '8', STRIPE_TIMEOUT_MS: '300' }).requestMs).toBe(300);
    expect(stripeTimeoutsFromEnv({ STRIPE_TIMEOUT_MS: '300', STRIPE_CONNECT_TIMEOUT_MS: '200', STRIPE_MAX_NETWORK_RETRIES: '0' })).toEqual({
      connectMs: 200,
      requestMs: 300,
      maxNetworkRetries: 0,
    });
    expect(() => stripeTimeoutsFromEnv({ STRIPE_TIMEOUT_MS: '0' })).toThrow(/STRIPE_TIMEOUT_MS/);
    expect(() => stripeTimeoutsFromEnv({ STRIPE_MAX_NETWORK_RETRIES: 'two' })).toThrow(/STRIPE_MAX_NETWORK_RETRIES/);
  });
});
