import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import type { IssueInvoiceInput, RecordPaymentInput, SponsorshipView } from './contract.ts';
import { benefitsOf, loadSponsorship } from './sponsorship-service.ts';
import { toSponsorshipView, type SponsorshipItem } from './sponsorship-view.ts';
import { commitStatusMove } from './status-transition.ts';

const view = async (item: SponsorshipItem) => toSponsorshipView(item, await benefitsOf(item.sponsorshipId, true));

/**
 * Issues the sponsorship's invoice: signed → invoiced, recording its number,
 * amount (the sponsorship's amount: the tier's price plus the booths its
 * exhibitors booked), currency and issue time. Conditioned on the
 * sponsorship being unchanged since read, so a booth booked meanwhile is
 * never left off the bill. Issuing again with the same number (or none)
 * answers the invoice already issued.
 */
export async function issueInvoice(eventId: string, sponsorshipId: string, input: IssueInvoiceInput, ctx: RequestContext): Promise<SponsorshipView> {
  const current = await loadSponsorship(eventId, sponsorshipId, true);
  if (current.invoice) {
    if (input.number === undefined || input.number === current.invoice.number) return view(current);
    throw conflict('already_invoiced', `The sponsorship is invoiced already (invoice ${current.invoice.number})`, { invoiceNumber: current.invoice.number });
  }
  if (current.status !== 'signed') throw conflict('invalid_transition', 'An invoice is issued once the sponsorship is signed, and only then', { from: current.status, to: 'invoiced' });
  const at = nowIso();
  const invoice = {
    number: input.number ?? `SP-${sponsorshipId.slice(-10)}`,
    amount: current.amount.amount,
    currency: current.amount.currency,
    issuedAt: at,
    ...(input.dueDate ? { dueDate: input.dueDate } : {}),
  };
  const event = domainEvent(
    'sponsor.invoiced',
    { sponsorshipId, eventId, companyId: current.companyId, opportunityId: current.opportunityId, invoiceNumber: invoice.number, amount: current.amount, issuedAt: at },
    ctx,
  );
  return view(await commitStatusMove({ current, to: 'invoiced', set: { invoice }, events: [event], unchangedSinceRead: true, at }, ctx));
}

/**
 * Records the payment of the invoice (a bank transfer or a manual receipt):
 * invoiced → paid, only when its amount and currency are the invoice's
 * exactly. The write is conditioned on `invoiced`, so one payment is ever
 * recorded; the same payment again (same reference and amount) answers the
 * sponsorship as paid, and the route's Idempotency-Key replays a retry.
 */
export async function recordPayment(eventId: string, sponsorshipId: string, input: RecordPaymentInput, ctx: RequestContext): Promise<SponsorshipView> {
  const current = await loadSponsorship(eventId, sponsorshipId, true);
  if (current.payment) {
    const same = current.payment.reference === input.reference && current.payment.amount === input.amount.amount && current.payment.currency === input.amount.currency;
    if (same) return view(current);
    throw conflict('already_paid', 'A payment is recorded for this sponsorship already', { reference: current.payment.reference });
  }
  const invoice = current.invoice;
  if (current.status !== 'invoiced' || !invoice) throw conflict('not_invoiced', 'A payment is recorded against an issued invoice', { contractStatus: current.status });
  if (input.amount.amount !== invoice.amount || input.amount.currency !== invoice.currency) {
    throw unprocessable('amount_mismatch', `The payment must be the invoice's ${invoice.amount} ${invoice.currency} exactly`, {
      invoice: { number: invoice.number, amount: invoice.amount, currency: invoice.currency },
    });
  }
  const at = nowIso();
  const payment = {
    method: input.method,
    reference: input.reference,
    amount: input.amount.amount,
    currency: input.amount.currency,
    receivedOn: input.receivedOn ?? at.slice(0, 10),
    recordedAt: at,
    recordedBy: ctx.actorId,
  };
  const event = domainEvent(
    'sponsor.paid',
    { sponsorshipId, eventId, companyId: current.companyId, opportunityId: current.opportunityId, invoiceNumber: invoice.number, amount: input.amount, method: input.method, reference: input.reference },
    ctx,
  );
  return view(await commitStatusMove({ current, to: 'paid', set: { payment }, events: [event], at }, ctx));
}
