import type Stripe from 'stripe';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { callStripe, PaymentProviderError } from './errors.ts';
import { loadStripe } from './stripe-sdk.ts';
import { stripeAgent, stripeTimeoutsFromEnv, type StripeTimeouts } from './stripe-timeouts.ts';

/**
 * Pinned rather than left to the SDK default, so that upgrading `stripe` to a
 * major that speaks another API version fails the type check here instead of
 * silently changing the shape of the objects and webhooks we read.
 */
export const STRIPE_API_VERSION = '2026-10-28.endive' satisfies Stripe.StripeConfig['apiVersion'];

export interface StripeClientConfig {
  secretKey: string;
  host?: string;
  port?: number;
  protocol?: 'http' | 'https';
}

/**
 * The tenant's API key: `secretKey` of the Stripe secret that the current
 * route or consumer declares (packages/core/secrets: Secrets Manager,
 * refreshed every few minutes, so a rotated key needs no cold start; locally
 * `sk_test_local`).
 */
export function stripeSecretKey(): string {
  return currentSecret('stripe').secretKey;
}

/**
 * The key, and STRIPE_API_HOST / _PORT / _PROTOCOL, set only by the local
 * runner to reach the stand-in.
 */
export function stripeConfigFromEnv(env: NodeJS.ProcessEnv = process.env, key: string = stripeSecretKey()): StripeClientConfig {
  const secretKey = key.trim();
  if (!secretKey) throw new Error('The Stripe secret key is empty');
  if (!/^(sk|rk)_/.test(secretKey)) throw new Error('The Stripe secret key is not a Stripe secret key (sk_… or rk_…)');
  const config: StripeClientConfig = { secretKey };
  if (env.STRIPE_API_HOST) config.host = env.STRIPE_API_HOST;
  if (env.STRIPE_API_PORT) {
    const port = Number(env.STRIPE_API_PORT);
    if (!Number.isInteger(port) || port < 1 || port > 65535) throw new Error(`STRIPE_API_PORT=${env.STRIPE_API_PORT} is not a port number`);
    config.port = port;
  }
  if (env.STRIPE_API_PROTOCOL) {
    if (env.STRIPE_API_PROTOCOL !== 'http' && env.STRIPE_API_PROTOCOL !== 'https') {
      throw new Error(`STRIPE_API_PROTOCOL must be http or https`);
    }
    config.protocol = env.STRIPE_API_PROTOCOL;
  }
  return config;
}

let cached: { config: StripeClientConfig; timeouts: StripeTimeouts; client: Stripe } | undefined;

const sameConfig = (a: StripeClientConfig, b: StripeClientConfig) =>
  a.secretKey === b.secretKey && a.host === b.host && a.port === b.port && a.protocol === b.protocol;

const sameTimeouts = (a: StripeTimeouts, b: StripeTimeouts) =>
  a.connectMs === b.connectMs && a.requestMs === b.requestMs && a.maxNetworkRetries === b.maxNetworkRetries;

/**
 * The process's one SDK client, built on first use rather than at import so
 * that whoever sets the environment (a test, the local runner, a cold start
 * that fetched the secret) can do so first; rebuilt only if those values change.
 * The SDK itself is loaded then too (./stripe-sdk.ts), not at import.
 */
export async function stripeSdk(config: StripeClientConfig = stripeConfigFromEnv(), timeouts: StripeTimeouts = stripeTimeoutsFromEnv()): Promise<Stripe> {
  const Stripe = await loadStripe();
  if (!cached || !sameConfig(cached.config, config) || !sameTimeouts(cached.timeouts, timeouts)) {
    const client = new Stripe(config.secretKey, {
      apiVersion: STRIPE_API_VERSION,
      maxNetworkRetries: timeouts.maxNetworkRetries,
      timeout: timeouts.requestMs,
      httpClient: Stripe.createNodeHttpClient(stripeAgent(config.protocol ?? 'https', timeouts)),
      appInfo: { name: 'EventOS' },
      ...(config.host ? { host: config.host } : {}),
      ...(config.port ? { port: config.port } : {}),
      ...(config.protocol ? { protocol: config.protocol } : {}),
    });
    cached = { config: { ...config }, timeouts: { ...timeouts }, client };
  }
  return cached.client;
}

export type PaymentIntentStatus = Stripe.PaymentIntent.Status;

export interface CreatePaymentIntentInput {
  orderId: string;
  /** Integer minor units, as in the API's Money. */
  amount: number;
  /** ISO 4217, any case. */
  currency: string;
  description?: string;
  receiptEmail?: string;
}

export interface CreatedPaymentIntent {
  id: string;
  clientSecret: string;
  status: PaymentIntentStatus;
}

/**
 * One PaymentIntent per order: the idempotency key is derived from the order,
 * so a retried order creation (or a retry inside the SDK) gets the same intent
 * back. Changing amount or currency for the same order is refused by Stripe
 * (idempotency_error) — an order's total never changes once priced.
 */
export async function createPaymentIntent(input: CreatePaymentIntentInput): Promise<CreatedPaymentIntent> {
  assertOrderId(input.orderId);
  assertAmount(input.amount);
  if (!/^[A-Za-z]{3}$/.test(input.currency)) throw new RangeError(`currency must be an ISO 4217 code, got ${JSON.stringify(input.currency)}`);
  const params: Stripe.PaymentIntentCreateParams = {
    amount: input.amount,
    currency: input.currency.toLowerCase(),
    metadata: { orderId: input.orderId },
    automatic_payment_methods: { enabled: true },
  };
  if (input.description) params.description = input.description;
  if (input.receiptEmail) params.receipt_email = input.receiptEmail;
  const intent = await callStripe(async () => (await stripeSdk()).paymentIntents.create(params, { idempotencyKey: `pi-${input.orderId}` }));
  if (!intent.client_secret) {
    throw new PaymentProviderError({ message: `PaymentIntent ${intent.id} came back without a client secret`, type: 'api_error', retryable: false });
  }
  return { id: intent.id, clientSecret: intent.client_secret, status: intent.status };
}

export interface PaymentIntentSummary {
  id: string;
  status: PaymentIntentStatus;
  /** From `metadata.orderId`; null for an intent this product did not create. */
  orderId: string | null;
  amount: number;
  amountReceived: number;
  /** Upper-case ISO 4217, as the rest of the API writes it. */
  currency: string;
  latestChargeId: string | null;
  lastPaymentError: { code: string | null; declineCode: string | null; message: string | null } | null;
}

/** The fields the order flow reads, from a retrieved intent or a webhook's `data.object` alike. */
export function summarizePaymentIntent(intent: Stripe.PaymentIntent): PaymentIntentSummary {
  const charge = intent.latest_charge;
  const failure = intent.last_payment_error;
  return {
    id: intent.id,
    status: intent.status,
    orderId: intent.metadata?.orderId ?? null,
    amount: intent.amount,
    amountReceived: intent.amount_received,
    currency: intent.currency.toUpperCase(),
    latestChargeId: typeof charge === 'string' ? charge : (charge?.id ?? null),
    lastPaymentError: failure
      ? { code: failure.code ?? null, declineCode: failure.decline_code ?? null, message: failure.message ?? null }
      : null,
  };
}

export async function retrievePaymentIntent(id: string): Promise<PaymentIntentSummary> {
  assertStripeId(id, 'pi');
  return summarizePaymentIntent(await callStripe(async () => (await stripeSdk()).paymentIntents.retrieve(id)));
}

export type RefundReason = 'duplicate' | 'fraudulent' | 'requested_by_customer';

export interface CreateRefundInput {
  paymentIntentId: string;
  /** Minor units; omitted: whatever is still refundable. */
  amount?: number;
  /** Required: the caller's refund record id, so a retried refund never pays out twice. */
  idempotencyKey: string;
  reason?: RefundReason;
  metadata?: Record<string, string>;
}

export interface CreatedRefund {
  id: string;
  /** `pending`, `requires_action`, `succeeded`, `failed` or `canceled`. */
  status: string;
  amount: number;
  currency: string;
}

export async function createRefund(input: CreateRefundInput): Promise<CreatedRefund> {
  assertStripeId(input.paymentIntentId, 'pi');
  if (input.amount !== undefined) assertAmount(input.amount);
  if (input.idempotencyKey.length < 1 || input.idempotencyKey.length > 255) throw new RangeError('idempotencyKey must be 1–255 characters');
  const params: Stripe.RefundCreateParams = { payment_intent: input.paymentIntentId };
  if (input.amount !== undefined) params.amount = input.amount;
  if (input.reason) params.reason = input.reason;
  if (input.metadata) params.metadata = input.metadata;
  const refund = await callStripe(async () => (await stripeSdk()).refunds.create(params, { idempotencyKey: input.idempotencyKey }));
  return { id: refund.id, status: refund.status ?? 'pending', amount: refund.amount, currency: refund.currency.toUpperCase() };
}

export interface ProviderRefund {
  id: string;
  status: string;
  amount: number;
  currency: string;
  metadata: Record<string, string>;
}

/**
 * Every refund of a PaymentIntent (newest first), to find out whether a
 * refund whose answer we never saw (a crash, a timeout) happened after all:
 * ours carry `metadata.reservationId`.
 */
export async function listRefunds(paymentIntentId: string): Promise<ProviderRefund[]> {
  assertStripeId(paymentIntentId, 'pi');
  const found: ProviderRefund[] = [];
  let startingAfter: string | undefined;
  for (;;) {
    const page = await callStripe(async () =>
      (await stripeSdk()).refunds.list({ payment_intent: paymentIntentId, limit: 100, ...(startingAfter ? { starting_after: startingAfter } : {}) }),
    );
    for (const r of page.data) {
      found.push({ id: r.id, status: r.status ?? 'pending', amount: r.amount, currency: r.currency.toUpperCase(), metadata: { ...(r.metadata ?? {}) } });
    }
    if (!page.has_more || page.data.length === 0) return found;
    startingAfter = page.data[page.data.length - 1]!.id;
  }
}

function assertOrderId(orderId: string): void {
  // Stripe caps idempotency keys at 255 and metadata values at 500 characters.
  if (orderId.length < 1 || orderId.length > 200) throw new RangeError('orderId must be 1–200 characters');
}

function assertAmount(amount: number): void {
  if (!Number.isSafeInteger(amount) || amount <= 0) throw new RangeError(`amount must be a positive integer of minor units, got ${amount}`);
}

// Ids end up in the request path; anything else is a caller bug, not a Stripe 404.
function assertStripeId(id: string, prefix: string): void {
  if (!new RegExp(`^${prefix}_[0-9A-Za-z]{1,250}$`).test(id)) throw new RangeError(`not a Stripe ${prefix}_ id: ${JSON.stringify(id)}`);
}
