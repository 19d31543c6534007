import { conflict, unprocessable, type ErrorDetails } from '../errors.ts';
import type { Money } from '../money.ts';

/**
 * The rules of an invoice issued by hand and of the one payment recorded
 * against it, for whatever is billed that way (a sponsorship, an exhibitor's
 * booth). The shapes are the stored ones (`invoiceAttribute` and
 * `paymentAttribute` in db/entities/common.ts); the writes stay with the
 * feature, which conditions them so that one invoice and one payment are
 * ever recorded.
 */
export interface Invoice {
  number: string;
  amount: number;
  currency: string;
  issuedAt: string;
  dueDate?: string;
}

export interface Payment {
  method: string;
  reference: string;
  amount: number;
  currency: string;
  receivedOn: string;
  recordedAt: string;
  recordedBy: string;
}

/** What the organiser asks for: an invoice number from their accounting (optional) and a due date. */
export interface InvoiceRequest {
  number?: string;
  dueDate?: string;
}

/** A payment as the organiser records it. */
export interface PaymentRequest {
  method: string;
  reference: string;
  amount: Money;
  receivedOn?: string;
}

/** What is billed, for the messages: "this sponsorship", "this booth". */
export interface Billed {
  what: string;
}

/**
 * Whether an invoice is already issued for the request: true when it is the
 * same one (no number asked, or the same number) so the caller answers it
 * again; a different number is refused.
 */
export function invoiceAlreadyIssued(existing: Invoice | undefined, request: InvoiceRequest, billed: Billed): boolean {
  if (!existing) return false;
  if (request.number === undefined || request.number === existing.number) return true;
  throw conflict('already_invoiced', `The ${billed.what} is invoiced already (invoice ${existing.number})`, { invoiceNumber: existing.number });
}

/** The invoice to record for `charge`, numbered by the request or by `defaultNumber`. */
export function newInvoice(request: InvoiceRequest, defaultNumber: string, charge: Money, at: string): Invoice {
  return { number: request.number ?? defaultNumber, amount: charge.amount, currency: charge.currency, issuedAt: at, ...(request.dueDate ? { dueDate: request.dueDate } : {}) };
}

/** The same payment again (a client retrying without its key): same reference, amount and currency. */
export function isSamePayment(recorded: Payment | undefined, request: PaymentRequest): boolean {
  return recorded?.reference === request.reference && recorded.amount === request.amount.amount && recorded.currency === request.amount.currency;
}

export interface PaymentTarget extends Billed {
  invoice?: Invoice;
  payment?: Payment;
  /** False when the billed thing is not (or no longer) awaiting payment, whatever its invoice says. */
  awaitingPayment?: boolean;
  /** Added to the not_invoiced refusal (the sponsorship's contract status, …). */
  notInvoicedDetails?: ErrorDetails;
}

/**
 * The payment to record against the target's invoice, or `undefined` when
 * this very payment is recorded already (the caller answers as it stands).
 * Refuses a second, different payment (already_paid), a payment with no
 * invoice (not_invoiced) and one that is not the invoice's amount and
 * currency exactly (amount_mismatch).
 */
export function paymentAgainst(target: PaymentTarget, request: PaymentRequest, actorId: string, at: string): { invoice: Invoice; payment: Payment } | undefined {
  if (target.payment) {
    if (isSamePayment(target.payment, request)) return undefined;
    throw alreadyPaid(target, target.payment);
  }
  const invoice = target.invoice;
  if (!invoice || target.awaitingPayment === false) throw conflict('not_invoiced', `A payment is recorded against an issued invoice of the ${target.what}`, target.notInvoicedDetails);
  if (request.amount.amount !== invoice.amount || request.amount.currency !== invoice.currency) {
    throw unprocessable('amount_mismatch', `The payment must be the invoice's ${invoice.amount} ${invoice.currency} exactly`, {
      invoice: { number: invoice.number, amount: invoice.amount, currency: invoice.currency },
    });
  }
  const payment: Payment = {
    method: request.method,
    reference: request.reference,
    amount: request.amount.amount,
    currency: request.amount.currency,
    receivedOn: request.receivedOn ?? at.slice(0, 10),
    recordedAt: at,
    recordedBy: actorId,
  };
  return { invoice, payment };
}

/** The refusal of a second payment, also for a conditioned write that lost to one recorded meanwhile. */
export function alreadyPaid(billed: Billed, recorded: Payment | undefined): Error {
  return conflict('already_paid', `A payment is recorded for this ${billed.what} already`, recorded ? { reference: recorded.reference } : {});
}
