import { loadedStripe } from './stripe-sdk.ts';

/** Stripe's own error `type` words, plus the one the SDK uses for network failures. */
export type PaymentProviderErrorType =
  | 'api_connection_error'
  | 'api_error'
  | 'authentication_error'
  | 'card_error'
  | 'idempotency_error'
  | 'invalid_request_error'
  | 'permission_error'
  | 'rate_limit_error'
  | (string & {});

/**
 * A failed call to the payment provider, in words the domain can act on:
 * `retryable` says whether the same call (same idempotency key) may succeed
 * later; `code` is Stripe's machine word (`amount_too_large`,
 * `charge_already_refunded`, `resource_missing`, …). Carries no SDK object,
 * so logging it cannot leak request headers.
 */
export class PaymentProviderError extends Error {
  override readonly name = 'PaymentProviderError';
  readonly provider = 'stripe';
  readonly type: PaymentProviderErrorType;
  readonly code: string | undefined;
  readonly declineCode: string | undefined;
  readonly statusCode: number | undefined;
  readonly requestId: string | undefined;
  readonly retryable: boolean;

  constructor(input: {
    message: string;
    type: PaymentProviderErrorType;
    retryable: boolean;
    code?: string;
    declineCode?: string;
    statusCode?: number;
    requestId?: string;
  }) {
    super(redactSecrets(input.message));
    this.type = input.type;
    this.retryable = input.retryable;
    this.code = input.code;
    this.declineCode = input.declineCode;
    this.statusCode = input.statusCode;
    this.requestId = input.requestId;
  }
}

// The SDK leaves `rawType` empty for errors it makes itself (network, bad JSON).
const typeOfSdkError: Record<string, PaymentProviderErrorType> = {
  StripeConnectionError: 'api_connection_error',
  StripeAPIError: 'api_error',
  StripeAuthenticationError: 'authentication_error',
  StripeCardError: 'card_error',
  StripeIdempotencyError: 'idempotency_error',
  StripeInvalidRequestError: 'invalid_request_error',
  StripePermissionError: 'permission_error',
  StripeRateLimitError: 'rate_limit_error',
};

/**
 * Stripe errors become PaymentProviderError; anything else (a bug) is rethrown
 * untouched. Until the SDK is loaded (./stripe-sdk.ts) nothing can be a Stripe
 * error, so this does not load it.
 */
export function toPaymentProviderError(error: unknown): unknown {
  const Stripe = loadedStripe();
  if (!Stripe || !(error instanceof Stripe.errors.StripeError)) return error;
  const type = error.rawType ?? typeOfSdkError[error.type] ?? 'api_error';
  const status = error.statusCode;
  // The SDK has already retried these twice; a later attempt with the same key is still safe.
  const retryable =
    type === 'api_connection_error' || type === 'rate_limit_error' || type === 'api_error' || status === 409 || (status ?? 0) >= 500;
  return new PaymentProviderError({
    message: error.message || 'The payment provider refused the request',
    type,
    retryable,
    code: error.code,
    declineCode: error.decline_code,
    statusCode: status,
    requestId: error.requestId,
  });
}

/** Runs one SDK call, translating its failure. */
export async function callStripe<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw toPaymentProviderError(error);
  }
}

// Stripe masks keys in its own messages, but a message is no place to trust that.
export function redactSecrets(text: string): string {
  return text.replace(/\b(sk|rk|pk)_(live|test)_[0-9A-Za-z*]+/g, '$1_$2_[redacted]').replace(/\bwhsec_[0-9A-Za-z_]+/g, 'whsec_[redacted]');
}
