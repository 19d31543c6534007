import type { PaymentProviderError } from '#packages/payments/errors.ts';
import { PAYMENT_RETRY_AFTER_SECONDS } from '#packages/payments/stripe-timeouts.ts';
import { conflict, DomainError, unavailable, unprocessable } from '#packages/core/errors.ts';

/**
 * Stripe's answers, in domain words. Its refusals keep Stripe's own code, so
 * a client can tell `amount_too_large` from `charge_already_refunded`; being
 * unreachable, slow or broken is `payment_unavailable`, to be retried.
 */

/** Stripe refused because of the charge's state (changed outside EventOS, e.g. in the dashboard): 409. */
const STATE_CONFLICTS = new Set(['amount_too_large', 'charge_already_refunded', 'charge_disputed']);

/** Stripe answered "no" and executed nothing: the same call would fail the same way again. */
export function isRefusal(error: PaymentProviderError): boolean {
  return !error.retryable && (error.type === 'card_error' || error.type === 'invalid_request_error');
}

/** A refusal as a 409 (the charge's state) or 422 (anything else), carrying Stripe's code. */
export function refusalError(error: PaymentProviderError, details: Record<string, unknown> = {}): DomainError {
  const code = error.code ?? 'payment_refused';
  const extra = { provider: 'stripe', ...(error.declineCode ? { declineCode: error.declineCode } : {}), ...details };
  const message = `Stripe refused: ${error.message}`;
  return STATE_CONFLICTS.has(code) ? conflict(code, message, extra) : unprocessable(code, message, extra);
}

/** 503 with Retry-After: Stripe unreachable, timing out, rate-limiting, failing, or refusing our credentials. */
export function paymentUnavailable(what: string, details: Record<string, unknown> = {}): DomainError {
  return unavailable('payment_unavailable', `The payment provider could not be reached; ${what}`, {
    retryAfter: PAYMENT_RETRY_AFTER_SECONDS,
    ...details,
  });
}
