import type { FormObject } from './form.ts';
import { nowSeconds, stripeId } from './ids.ts';
import { metadataParam, optionalBoolean, optionalInteger, optionalString, rejectUnknown, requiredInteger } from './params.ts';
import { invalidRequest, noSuch } from './stripe-error.ts';

/** The subset of Stripe's PaymentIntent the product reads, with Stripe's field names and nulls. */
export interface StandInPaymentIntent {
  id: string;
  object: 'payment_intent';
  amount: number;
  amount_capturable: number;
  amount_received: number;
  automatic_payment_methods: { allow_redirects: 'always'; enabled: boolean } | null;
  canceled_at: null;
  cancellation_reason: null;
  capture_method: 'automatic_async';
  client_secret: string;
  confirmation_method: 'automatic';
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  last_payment_error: LastPaymentError | null;
  latest_charge: string | null;
  livemode: false;
  metadata: Record<string, string>;
  next_action: null;
  payment_method: string | null;
  payment_method_types: string[];
  processing: null;
  receipt_email: string | null;
  status: 'requires_payment_method' | 'succeeded';
}

export interface LastPaymentError {
  type: 'card_error';
  code: string;
  decline_code: string;
  message: string;
  doc_url: string;
  payment_method: { id: string; object: 'payment_method'; type: 'card' };
}

export interface StandInRefund {
  id: string;
  object: 'refund';
  amount: number;
  balance_transaction: string;
  charge: string;
  created: number;
  currency: string;
  metadata: Record<string, string>;
  payment_intent: string;
  reason: string | null;
  receipt_number: null;
  status: 'succeeded';
}

export interface StandInCharge {
  id: string;
  object: 'charge';
  amount: number;
  amount_captured: number;
  amount_refunded: number;
  balance_transaction: string | null;
  captured: boolean;
  created: number;
  currency: string;
  customer: null;
  description: string | null;
  failure_code: string | null;
  failure_message: string | null;
  livemode: false;
  metadata: Record<string, string>;
  paid: boolean;
  payment_intent: string;
  payment_method: string;
  receipt_email: string | null;
  refunded: boolean;
  refunds: { object: 'list'; data: StandInRefund[]; has_more: false; total_count: number; url: string };
  status: 'succeeded' | 'failed';
}

export interface PaymentFailure {
  declineCode?: string;
  message?: string;
}

const REFUND_REASONS = ['duplicate', 'fraudulent', 'requested_by_customer'];

/** Stripe's minimum charge per currency (a subset); elsewhere any positive amount passes. */
const MINIMUM_AMOUNT: Record<string, number> = { eur: 50, usd: 50, chf: 50, cad: 50, aud: 50, nzd: 50, gbp: 30, sek: 300, nok: 300, dkk: 250, pln: 200, czk: 1500, jpy: 50 };

const clone = <T>(value: T): T => structuredClone(value);

/**
 * Stripe's state in memory. Methods return snapshots, so an event's
 * `data.object` keeps the state it had when the event happened.
 */
export class StripeStore {
  private readonly intents = new Map<string, StandInPaymentIntent>();
  private readonly charges = new Map<string, StandInCharge>();
  /** The succeeded charge of each intent: the only one a refund can draw on. */
  private readonly paidCharge = new Map<string, string>();

  createPaymentIntent(params: FormObject): StandInPaymentIntent {
    rejectUnknown(params, ['amount', 'currency', 'metadata', 'automatic_payment_methods', 'description', 'receipt_email', 'payment_method_types', 'expand']);
    const amount = requiredInteger(params, 'amount');
    const currency = optionalString(params, 'currency')?.toLowerCase();
    if (!currency) throw invalidRequest('Missing required param: currency.', 'parameter_missing', 'currency');
    if (!/^[a-z]{3}$/.test(currency)) throw invalidRequest(`Invalid currency: ${currency}.`, 'parameter_invalid_string', 'currency');
    const minimum = MINIMUM_AMOUNT[currency] ?? 1;
    if (amount < minimum) {
      throw invalidRequest(`Amount must be at least ${minimum} (minor units of ${currency})`, 'amount_too_small', 'amount');
    }
    const apm = params.automatic_payment_methods;
    if (apm !== undefined && (typeof apm !== 'object' || Array.isArray(apm))) {
      throw invalidRequest('Invalid automatic_payment_methods: must be a hash', 'parameter_invalid_string', 'automatic_payment_methods');
    }
    const apmEnabled = apm ? optionalBoolean(apm.enabled, 'automatic_payment_methods[enabled]') : undefined;
    const receiptEmail = optionalString(params, 'receipt_email', 800);
    if (receiptEmail !== undefined && !/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(receiptEmail)) {
      throw invalidRequest(`Invalid email address: ${receiptEmail}`, 'email_invalid', 'receipt_email');
    }
    const id = stripeId('pi');
    const intent: StandInPaymentIntent = {
      id,
      object: 'payment_intent',
      amount,
      amount_capturable: 0,
      amount_received: 0,
      automatic_payment_methods: apmEnabled ? { allow_redirects: 'always', enabled: true } : null,
      canceled_at: null,
      cancellation_reason: null,
      capture_method: 'automatic_async',
      client_secret: `${id}_secret_${stripeId('x', 25).slice(2)}`,
      confirmation_method: 'automatic',
      created: nowSeconds(),
      currency,
      customer: null,
      description: optionalString(params, 'description', 1000) ?? null,
      last_payment_error: null,
      latest_charge: null,
      livemode: false,
      metadata: metadataParam(params),
      next_action: null,
      payment_method: null,
      payment_method_types: ['card'],
      processing: null,
      receipt_email: receiptEmail ?? null,
      status: 'requires_payment_method',
    };
    this.intents.set(id, intent);
    return clone(intent);
  }

  retrievePaymentIntent(id: string): StandInPaymentIntent {
    return clone(this.intent(id));
  }

  /** What a customer completing checkout does: a captured charge, the intent succeeded. */
  succeed(id: string): { intent: StandInPaymentIntent; charge: StandInCharge } {
    const intent = this.intent(id);
    this.assertPayable(intent);
    const charge = this.newCharge(intent, 'succeeded');
    Object.assign(intent, {
      status: 'succeeded',
      amount_received: intent.amount,
      latest_charge: charge.id,
      payment_method: charge.payment_method,
      last_payment_error: null,
    });
    this.paidCharge.set(intent.id, charge.id);
    return { intent: clone(intent), charge: clone(charge) };
  }

  /** A declined card: as on Stripe, the intent goes back to waiting for a payment method. */
  fail(id: string, failure: PaymentFailure = {}): StandInPaymentIntent {
    const intent = this.intent(id);
    this.assertPayable(intent);
    const declineCode = failure.declineCode ?? 'generic_decline';
    const message = failure.message ?? 'Your card was declined.';
    const charge = this.newCharge(intent, 'failed', { code: 'card_declined', message });
    Object.assign(intent, {
      status: 'requires_payment_method',
      latest_charge: charge.id,
      payment_method: null,
      last_payment_error: {
        type: 'card_error',
        code: 'card_declined',
        decline_code: declineCode,
        message,
        doc_url: 'https://stripe.com/docs/error-codes/card-declined',
        payment_method: { id: charge.payment_method, object: 'payment_method', type: 'card' },
      },
    });
    return clone(intent);
  }

  /** POST /v1/refunds: by payment_intent or charge; amount defaults to what is left. */
  createRefund(params: FormObject): { refund: StandInRefund; charge: StandInCharge } {
    rejectUnknown(params, ['payment_intent', 'charge', 'amount', 'reason', 'metadata', 'expand']);
    const intentId = optionalString(params, 'payment_intent');
    const chargeId = optionalString(params, 'charge');
    let charge: StandInCharge | undefined;
    if (chargeId) {
      charge = this.charges.get(chargeId);
      if (!charge) throw noSuch('charge', chargeId, 'charge');
      if (intentId && charge.payment_intent !== intentId) {
        throw invalidRequest(`Charge ${chargeId} does not belong to PaymentIntent ${intentId}.`, 'parameter_invalid_string', 'charge');
      }
    } else if (intentId) {
      const intent = this.intents.get(intentId);
      if (!intent) throw noSuch('payment_intent', intentId, 'payment_intent');
      const paid = this.paidCharge.get(intentId);
      if (!paid) {
        throw invalidRequest(`This PaymentIntent (${intentId}) does not have a successful charge to refund.`, 'payment_intent_unexpected_state', 'payment_intent');
      }
      charge = this.charges.get(paid)!;
    } else {
      throw invalidRequest('One of the following params should be provided for this request: payment_intent or charge.', 'parameter_missing', 'payment_intent');
    }
    if (charge.status !== 'succeeded') throw invalidRequest(`Charge ${charge.id} has not succeeded and cannot be refunded.`, 'charge_not_refundable', 'charge');

    const remaining = charge.amount_captured - charge.amount_refunded;
    const amount = optionalInteger(params, 'amount') ?? remaining;
    if (remaining === 0) throw invalidRequest(`Charge ${charge.id} has already been refunded.`, 'charge_already_refunded', 'charge');
    if (amount <= 0) throw invalidRequest('Refund amount must be positive.', 'amount_too_small', 'amount');
    if (amount > remaining) {
      throw invalidRequest(
        `Refund amount (${amount} ${charge.currency}) is greater than unrefunded amount on charge (${remaining} ${charge.currency})`,
        'amount_too_large',
        'amount',
      );
    }
    const reason = optionalString(params, 'reason');
    if (reason !== undefined && !REFUND_REASONS.includes(reason)) {
      throw invalidRequest(`Invalid reason: must be one of ${REFUND_REASONS.join(', ')}`, 'parameter_invalid_string', 'reason');
    }
    const refund: StandInRefund = {
      id: stripeId('re'),
      object: 'refund',
      amount,
      balance_transaction: stripeId('txn'),
      charge: charge.id,
      created: nowSeconds(),
      currency: charge.currency,
      metadata: metadataParam(params),
      payment_intent: charge.payment_intent,
      reason: reason ?? null,
      receipt_number: null,
      status: 'succeeded',
    };
    charge.amount_refunded += amount;
    charge.refunded = charge.amount_refunded === charge.amount_captured;
    charge.refunds.data.unshift(refund);
    charge.refunds.total_count += 1;
    return { refund: clone(refund), charge: clone(charge) };
  }

  /**
   * GET /v1/refunds: newest first, optionally of one intent or charge, with
   * Stripe's `limit` (1–100, default 10) and `starting_after` cursor.
   */
  listRefunds(params: FormObject): { object: 'list'; data: StandInRefund[]; has_more: boolean; url: string } {
    rejectUnknown(params, ['payment_intent', 'charge', 'limit', 'starting_after', 'ending_before', 'created', 'expand']);
    const intentId = optionalString(params, 'payment_intent');
    const chargeId = optionalString(params, 'charge');
    const limit = optionalInteger(params, 'limit') ?? 10;
    if (limit < 1 || limit > 100) throw invalidRequest('Invalid limit: must be between 1 and 100', 'parameter_invalid_integer', 'limit');
    if (intentId && !this.intents.has(intentId)) throw noSuch('payment_intent', intentId, 'payment_intent');
    const all = [...this.charges.values()]
      .filter((c) => (!intentId || c.payment_intent === intentId) && (!chargeId || c.id === chargeId))
      .flatMap((c) => c.refunds.data)
      .sort((a, b) => b.created - a.created);
    const after = optionalString(params, 'starting_after');
    const start = after ? all.findIndex((r) => r.id === after) + 1 : 0;
    if (after && start === 0) throw noSuch('refund', after, 'starting_after');
    const data = all.slice(start, start + limit);
    return { object: 'list', data: clone(data), has_more: start + limit < all.length, url: '/v1/refunds' };
  }

  private intent(id: string): StandInPaymentIntent {
    const intent = this.intents.get(id);
    if (!intent) throw noSuch('payment_intent', id, 'intent');
    return intent;
  }

  private assertPayable(intent: StandInPaymentIntent): void {
    if (intent.status !== 'requires_payment_method') {
      throw invalidRequest(
        `This PaymentIntent's status is ${intent.status}; it can no longer be paid.`,
        'payment_intent_unexpected_state',
        'intent',
      );
    }
  }

  private newCharge(intent: StandInPaymentIntent, status: 'succeeded' | 'failed', failure?: { code: string; message: string }): StandInCharge {
    const succeeded = status === 'succeeded';
    const id = stripeId('ch');
    const charge: StandInCharge = {
      id,
      object: 'charge',
      amount: intent.amount,
      amount_captured: succeeded ? intent.amount : 0,
      amount_refunded: 0,
      balance_transaction: succeeded ? stripeId('txn') : null,
      captured: succeeded,
      created: nowSeconds(),
      currency: intent.currency,
      customer: null,
      description: intent.description,
      failure_code: failure?.code ?? null,
      failure_message: failure?.message ?? null,
      livemode: false,
      // Stripe copies the intent's metadata onto its charges.
      metadata: { ...intent.metadata },
      paid: succeeded,
      payment_intent: intent.id,
      payment_method: stripeId('pm'),
      receipt_email: intent.receipt_email,
      refunded: false,
      refunds: { object: 'list', data: [], has_more: false, total_count: 0, url: `/v1/charges/${id}/refunds` },
      status,
    };
    this.charges.set(id, charge);
    return charge;
  }
}
