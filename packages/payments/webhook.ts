import type Stripe from 'stripe';
import { currentSecret } from '#packages/core/secrets/index.ts';
import { loadStripe } from '#packages/payments/stripe-sdk.ts';

/** Stripe's own default: a signed delivery older than five minutes is treated as a replay. */
export const DEFAULT_WEBHOOK_TOLERANCE_SECONDS = 300;

export type InvalidWebhookReason =
  | 'missing_header'
  | 'malformed_header'
  | 'signature_mismatch'
  | 'timestamp_out_of_tolerance'
  | 'malformed_payload';

/**
 * The request did not come from Stripe (or was altered, or replayed late):
 * answer 400 and do nothing. The message names the reason only — never the
 * header, the body or the secret.
 */
export class InvalidWebhookSignature extends Error {
  override readonly name = 'InvalidWebhookSignature';
  constructor(readonly reason: InvalidWebhookReason) {
    super(`Stripe webhook rejected: ${reason.replaceAll('_', ' ')}`);
  }
}

export interface VerifyOptions {
  toleranceSeconds?: number;
  /** When the request arrived (ms since epoch); defaults to now. */
  receivedAt?: number;
}

/**
 * Checks `Stripe-Signature` against the exact bytes Stripe signed and returns
 * the typed event. Narrow on `event.type` to get a typed `data.object`.
 * Asynchronous only because the SDK is loaded on first use (./stripe-sdk.ts).
 */
export async function verifyStripeWebhook(
  rawBody: string | Buffer,
  signatureHeader: string | undefined,
  secret: string,
  options: VerifyOptions = {},
): Promise<Stripe.Event> {
  // A blank secret is our misconfiguration, not the sender's fault: fail loudly (500), not 400.
  if (!secret.trim()) throw new Error('The Stripe webhook secret is empty');
  const tolerance = options.toleranceSeconds ?? DEFAULT_WEBHOOK_TOLERANCE_SECONDS;
  // Stripe treats 0 as "skip the timestamp check", which would accept replays forever.
  if (!(tolerance > 0)) throw new RangeError('toleranceSeconds must be positive');
  if (!signatureHeader) throw new InvalidWebhookSignature('missing_header');
  if (rawBody.length === 0) throw new InvalidWebhookSignature('malformed_payload');

  const Stripe = await loadStripe();
  let event: Stripe.Event;
  try {
    event = Stripe.webhooks.constructEvent(rawBody, signatureHeader, secret, tolerance, undefined, options.receivedAt);
  } catch (error) {
    if (error instanceof Stripe.errors.StripeSignatureVerificationError) throw new InvalidWebhookSignature(reasonOf(error.message));
    // Signed but not JSON: nothing we could act on either.
    throw new InvalidWebhookSignature('malformed_payload');
  }
  // `typeof null` is 'object': a signed event whose data.object is null is as useless as one without it.
  const object: unknown = event?.data?.object;
  if (!event || typeof event.id !== 'string' || typeof event.type !== 'string' || typeof object !== 'object' || object === null || Array.isArray(object)) {
    throw new InvalidWebhookSignature('malformed_payload');
  }
  return event;
}

function reasonOf(sdkMessage: string): InvalidWebhookReason {
  if (/tolerance/i.test(sdkMessage)) return 'timestamp_out_of_tolerance';
  if (/Unable to extract|expected scheme/i.test(sdkMessage)) return 'malformed_header';
  if (/No stripe-signature header/i.test(sdkMessage)) return 'missing_header';
  if (/No webhook payload/i.test(sdkMessage)) return 'malformed_payload';
  return 'signature_mismatch';
}

/**
 * The bytes Stripe sent. API Gateway hands over text bodies as they came and
 * binary ones base64-encoded; re-serialising a parsed body would break the
 * signature, so this is the only body the verifier should see.
 */
export function rawBodyOf(event: { body?: string | null; isBase64Encoded: boolean }): Buffer {
  if (!event.body) return Buffer.alloc(0);
  return Buffer.from(event.body, event.isBase64Encoded ? 'base64' : 'utf8');
}

/**
 * The endpoint's signing secret: `webhookSecret` of the tenant's Stripe
 * secret, which the webhook route declares (local runner default
 * `whsec_local_eventos_dev`, or STRIPE_WEBHOOK_SECRET when it starts).
 */
export function stripeWebhookSecret(): string {
  return currentSecret('stripe').webhookSecret;
}

/** The header as API Gateway delivers it (lower-cased names). */
export function stripeSignatureHeader(headers: Record<string, string | undefined> | undefined): string | undefined {
  return headers?.['stripe-signature'] ?? headers?.['Stripe-Signature'];
}
