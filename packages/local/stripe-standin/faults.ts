import type { ServerResponse } from 'node:http';
import { StripeApiError } from './stripe-error.ts';

/** Stripe's card-error codes a refund can come back with (HTTP 402, `type: card_error`). */
const CARD_ERROR_CODES = new Set(['card_declined', 'expired_card', 'incorrect_number', 'processing_error', 'lost_card', 'stolen_card']);

const MESSAGES: Record<string, string> = {
  amount_too_large: 'Refund amount is greater than unrefunded amount on charge.',
  charge_already_refunded: 'This charge has already been refunded.',
  charge_disputed: 'This charge has been disputed and cannot be refunded.',
};

/**
 * The error Stripe would answer for `code`: card errors are 402 `card_error`,
 * everything else 400 `invalid_request_error` — what the SDK turns into the
 * matching StripeError subclass.
 */
export function refusal(code: string, declineCode?: string): StripeApiError {
  if (CARD_ERROR_CODES.has(code)) {
    const error = new StripeApiError(402, 'card_error', 'Your card was declined.', code);
    if (declineCode) error.declineCode = declineCode;
    return error;
  }
  return new StripeApiError(400, 'invalid_request_error', MESSAGES[code] ?? `The refund was refused (${code}).`, code);
}

export type Outage = 'hang' | 'down' | null;

export interface FaultState {
  outage: Outage;
  refundRefusals: Array<{ code: string; declineCode?: string }>;
}

/**
 * What tests (and developers, through /dev/stripe/faults) switch on to see
 * the product's failure paths with the real SDK on the wire:
 * - `refuseNextRefund(code)`: the next POST /v1/refunds (or the next `times`)
 *   answers Stripe's error for that code, changing nothing;
 * - `hang()`: every API request is read and never answered (the SDK's
 *   timeout has to end it);
 * - `down()`: every connection is closed as soon as it opens, and requests on
 *   kept-alive sockets are cut, so nothing is answered or executed;
 * - `clear()`: back to normal; hung requests are cut.
 */
export class StripeFaults {
  private outageMode: Outage = null;
  private readonly refusals: Array<{ code: string; declineCode?: string }> = [];
  private readonly hung = new Set<ServerResponse>();

  refuseNextRefund(code: string, options: { declineCode?: string; times?: number } = {}): void {
    if (!/^[a-z_]{1,100}$/.test(code)) throw new RangeError(`not a Stripe error code: ${JSON.stringify(code)}`);
    for (let i = 0; i < (options.times ?? 1); i++) this.refusals.push({ code, ...(options.declineCode ? { declineCode: options.declineCode } : {}) });
  }

  hang(): void {
    this.outageMode = 'hang';
  }

  down(): void {
    this.outageMode = 'down';
  }

  clear(): void {
    this.outageMode = null;
    this.refusals.length = 0;
    for (const res of this.hung) res.socket?.destroy();
    this.hung.clear();
  }

  get outage(): Outage {
    return this.outageMode;
  }

  state(): FaultState {
    return { outage: this.outageMode, refundRefusals: this.refusals.map((r) => ({ ...r })) };
  }

  /** The refusal for this refund request, if one is queued (used up by the asking). */
  takeRefundRefusal(): StripeApiError | undefined {
    const next = this.refusals.shift();
    return next && refusal(next.code, next.declineCode);
  }

  /** Holds a response open until `clear()` or the server stops. */
  holdOpen(res: ServerResponse): void {
    this.hung.add(res);
    res.once('close', () => this.hung.delete(res));
  }
}
