import type * as http from 'node:http';
import type * as https from 'node:https';
import { createRequire } from 'node:module';
import { timeoutScale } from '#packages/core/dependencies/timeouts.ts';

/**
 * node:http and node:https are required when the agent is built, not
 * imported: an ESM import of node:http makes Node build its namespace at a
 * cold import, and its lazy getters (WebSocket, …) load undici (~10 ms; bench:
 * bundles), in every function that maps payment errors.
 */
const requireBuiltin = createRequire(import.meta.url);

/**
 * How long one call to Stripe may take, kept well under the HTTP functions'
 * 10 s Lambda timeout: worst case connect + request, twice (one retry), plus
 * the SDK's ≥ 0.5 s back-off ≈ 1 + 2.5 + 0.5 + 1 + 2.5 = 7.5 s. A Stripe that
 * is down or hangs then ends as a 503 the client can retry, never as a Lambda
 * timeout (a 500 from API Gateway).
 */
export const DEFAULT_STRIPE_TIMEOUTS: StripeTimeouts = { connectMs: 1_000, requestMs: 2_500, maxNetworkRetries: 1 };

/** What a 503 caused by Stripe tells the client to wait before retrying (the same request, same Idempotency-Key). */
export const PAYMENT_RETRY_AFTER_SECONDS = 5;

export interface StripeTimeouts {
  /** TCP connect. Node's per-request timeout only starts once connected, so a black-holed address needs its own bound. */
  connectMs: number;
  /** The SDK's `timeout`: from connected to the whole answer, per attempt. */
  requestMs: number;
  /** The SDK's `maxNetworkRetries` (with our idempotency keys, a retry never pays twice). */
  maxNetworkRetries: number;
}

/**
 * STRIPE_CONNECT_TIMEOUT_MS, STRIPE_TIMEOUT_MS and STRIPE_MAX_NETWORK_RETRIES
 * override the defaults (tests shorten them to drive timeouts quickly).
 */
export function stripeTimeoutsFromEnv(env: NodeJS.ProcessEnv = process.env): StripeTimeouts {
  // The test suite's DEPENDENCY_TIMEOUT_SCALE stretches the defaults as it does DynamoDB's: there the stand-in
  // shares two cores with a rush of hundreds of requests (9 of 200 buyers got 503 with two suites side by side).
  const scale = timeoutScale(env);
  return {
    connectMs: positiveInt(env, 'STRIPE_CONNECT_TIMEOUT_MS', DEFAULT_STRIPE_TIMEOUTS.connectMs * scale, 1),
    requestMs: positiveInt(env, 'STRIPE_TIMEOUT_MS', DEFAULT_STRIPE_TIMEOUTS.requestMs * scale, 1),
    maxNetworkRetries: positiveInt(env, 'STRIPE_MAX_NETWORK_RETRIES', DEFAULT_STRIPE_TIMEOUTS.maxNetworkRetries, 0),
  };
}

function positiveInt(env: NodeJS.ProcessEnv, name: string, fallback: number, min: number): number {
  const raw = env[name];
  if (raw === undefined || raw === '') return fallback;
  const value = Number(raw);
  if (!Number.isInteger(value) || value < min) throw new Error(`${name} must be an integer ≥ ${min}, not ${raw}`);
  return value;
}

/**
 * The keep-alive agent the SDK's Node HTTP client uses. Node's documented
 * agent `timeout` is set on the socket before it connects, so it bounds the
 * connect; once connected the SDK's per-request timeout replaces it. Idle
 * pooled sockets are also dropped after it, which spares a thawed Lambda a
 * dead keep-alive socket.
 */
export function stripeAgent(protocol: 'http' | 'https', timeouts: StripeTimeouts): http.Agent {
  const options = { keepAlive: true, timeout: timeouts.connectMs };
  return protocol === 'http'
    ? new (requireBuiltin('node:http') as typeof http).Agent(options)
    : new (requireBuiltin('node:https') as typeof https).Agent(options);
}
