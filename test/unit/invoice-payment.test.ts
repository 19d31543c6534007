import { describe, expect, it } from 'vitest';
import { invoiceAlreadyIssued, newInvoice, paymentAgainst } from '#packages/core/billing/invoice-payment.ts';

// The rules sponsorships and exhibitors' booths share (their routes are covered by test/e2e/tradeshow-invoicing.test.ts).
describe('an invoice and the one payment against it', () => {
  const invoice = newInvoice({ dueDate: '2027-01-31' }, 'SP-0000000001', { amount: 500_000, currency: 'EUR' }, '2026-12-02T10:00:00.000Z');
  const request = { method: 'bank_transfer', reference: 'TRF-1', amount: { amount: 500_000, currency: 'EUR' } };
  const at = '2026-12-05T09:30:00.000Z';

  it('numbers the invoice by the request or the default, and answers the same one again; another number is refused', () => {
    expect(invoice).toEqual({ number: 'SP-0000000001', amount: 500_000, currency: 'EUR', issuedAt: '2026-12-02T10:00:00.000Z', dueDate: '2027-01-31' });
    expect(newInvoice({ number: 'ACC/7' }, 'SP-x', { amount: 1, currency: 'EUR' }, at).number).toBe('ACC/7');
    expect(invoiceAlreadyIssued(undefined, {}, { what: 'booth' })).toBe(false);
    expect(invoiceAlreadyIssued(invoice, {}, { what: 'booth' })).toBe(true);
    expect(invoiceAlreadyIssued(invoice, { number: 'SP-0000000001' }, { what: 'booth' })).toBe(true);
    expect(() => invoiceAlreadyIssued(invoice, { number: 'OTHER' }, { what: 'booth' })).toThrow(expect.objectContaining({ kind: 'conflict', code: 'already_invoiced' }));
  });

  it('records a payment of exactly the invoice, received today unless said, by whom', () => {
    expect(paymentAgainst({ what: 'booth', invoice }, request, 'user-1', at)).toEqual({
      invoice,
      payment: { method: 'bank_transfer', reference: 'TRF-1', amount: 500_000, currency: 'EUR', receivedOn: '2026-12-05', recordedAt: at, recordedBy: 'user-1' },
    });
    expect(paymentAgainst({ what: 'booth', invoice }, { ...request, receivedOn: '2026-12-01' }, 'user-1', at)?.payment.receivedOn).toBe('2026-12-01');
  });

  it('refuses another amount or currency, no invoice, or a target not awaiting payment', () => {
    const refusal = (target: Parameters<typeof paymentAgainst>[0], req = request) => {
      try {
        paymentAgainst(target, req, 'user-1', at);
      } catch (error) {
        return error as { kind: string; code: string; details: Record<string, unknown> };
      }
      throw new Error('not refused');
    };
    expect(refusal({ what: 'booth', invoice }, { ...request, amount: { amount: 499_999, currency: 'EUR' } })).toMatchObject({ kind: 'unprocessable', code: 'amount_mismatch' });
    expect(refusal({ what: 'booth', invoice }, { ...request, amount: { amount: 500_000, currency: 'USD' } })).toMatchObject({ kind: 'unprocessable', code: 'amount_mismatch' });
    expect(refusal({ what: 'booth' })).toMatchObject({ kind: 'conflict', code: 'not_invoiced' });
    expect(refusal({ what: 'sponsorship', invoice, awaitingPayment: false, notInvoicedDetails: { contractStatus: 'fulfilled' } })).toMatchObject({
      code: 'not_invoiced',
      details: { contractStatus: 'fulfilled' },
    });
  });

  it('the same payment again is answered as recorded; a different one is refused', () => {
    const recorded = paymentAgainst({ what: 'booth', invoice }, request, 'user-1', at)!.payment;
    expect(paymentAgainst({ what: 'booth', invoice, payment: recorded }, request, 'user-2', at)).toBeUndefined();
    expect(() => paymentAgainst({ what: 'booth', invoice, payment: recorded }, { ...request, reference: 'TRF-2' }, 'user-2', at)).toThrow(
      expect.objectContaining({ kind: 'conflict', code: 'already_paid' }),
    );
  });
});
