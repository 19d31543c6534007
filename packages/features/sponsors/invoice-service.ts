import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { invoiceAlreadyIssued, newInvoice, paymentAgainst } from '#packages/core/billing/invoice-payment.ts';
import { conflict } from '#packages/core/errors.ts';
import type { IssueInvoiceInput, RecordPaymentInput, SponsorshipView } from './contract.ts';
import { benefitsOf, loadSponsorship } from './sponsorship-service.ts';
import { toSponsorshipView, type SponsorshipItem } from './sponsorship-view.ts';
import { commitStatusMove } from './status-transition.ts';

const BILLED = { what: 'sponsorship' };

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
  if (invoiceAlreadyIssued(current.invoice, input, BILLED)) return view(current);
  if (current.status !== 'signed') throw conflict('invalid_transition', 'An invoice is issued once the sponsorship is signed, and only then', { from: current.status, to: 'invoiced' });
  const at = nowIso();
  const invoice = newInvoice(input, `SP-${sponsorshipId.slice(-10)}`, current.amount, at);
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
  const recorded = paymentAgainst(
    { ...BILLED, invoice: current.invoice, payment: current.payment, awaitingPayment: current.status === 'invoiced', notInvoicedDetails: { contractStatus: current.status } },
    input,
    ctx.actorId,
    nowIso(),
  );
  if (!recorded) return view(current);
  const { invoice, payment } = recorded;
  const event = domainEvent(
    'sponsor.paid',
    { sponsorshipId, eventId, companyId: current.companyId, opportunityId: current.opportunityId, invoiceNumber: invoice.number, amount: input.amount, method: input.method, reference: input.reference },
    ctx,
  );
  return view(await commitStatusMove({ current, to: 'paid', set: { payment }, events: [event], at: payment.recordedAt }, ctx));
}
