import { describe, expect, it } from 'vitest';
import { chargeMismatch, paymentMismatch, refundMismatch } from '#packages/features/orders/payment-checks.ts';

const order = { paymentIntentId: 'pi_order', total: { amount: 5000, currency: 'EUR' } };
const intent = { id: 'pi_order', orderId: 'o1', amountReceived: 5000, currency: 'EUR' };
const charge = { paymentIntentId: 'pi_order', orderId: 'o1', amountCaptured: 5000, currency: 'EUR' };
const refund = { id: 're_1', amount: 1000, currency: 'EUR', status: 'succeeded', reservationId: undefined };

describe('what a signed Stripe event must show before it changes an order', () => {
  it('a payment: the order’s own intent, at least its total, in its currency', () => {
    expect(paymentMismatch(order, intent)).toBeNull();
    expect(paymentMismatch(order, { ...intent, amountReceived: 6000 })).toBeNull();
    expect(paymentMismatch(order, { ...intent, id: 'pi_other' })).toBe('wrong_payment_intent');
    expect(paymentMismatch({ ...order, paymentIntentId: undefined }, intent)).toBe('wrong_payment_intent');
    expect(paymentMismatch(order, { ...intent, amountReceived: 4999 })).toBe('amount_short');
    expect(paymentMismatch(order, { ...intent, amountReceived: Number.NaN })).toBe('amount_short');
    expect(paymentMismatch(order, { ...intent, currency: 'USD' })).toBe('currency_mismatch');
  });

  it('a refund: of the order’s intent, positive, in its currency, not above the charge', () => {
    expect(chargeMismatch(order, charge)).toBeNull();
    expect(chargeMismatch(order, { ...charge, paymentIntentId: 'pi_other' })).toBe('wrong_payment_intent');
    expect(chargeMismatch(order, { ...charge, paymentIntentId: null })).toBe('wrong_payment_intent');
    expect(refundMismatch(order, charge, refund)).toBeNull();
    expect(refundMismatch(order, charge, { ...refund, amount: 5000 })).toBeNull();
    expect(refundMismatch(order, charge, { ...refund, amount: 0 })).toBe('refund_not_positive');
    expect(refundMismatch(order, charge, { ...refund, amount: -1 })).toBe('refund_not_positive');
    expect(refundMismatch(order, charge, { ...refund, amount: Number.NaN })).toBe('refund_not_positive');
    expect(refundMismatch(order, charge, { ...refund, amount: 5001 })).toBe('refund_exceeds_charge');
    expect(refundMismatch(order, charge, { ...refund, currency: 'USD' })).toBe('refund_currency_mismatch');
  });
});
