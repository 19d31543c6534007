import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { alreadyPaid, invoiceAlreadyIssued, isSamePayment, newInvoice, paymentAgainst } from '#packages/core/billing/invoice-payment.ts';
import { conflict } from '#packages/core/errors.ts';
import type { IssueInvoiceInput, RecordPaymentInput } from '#packages/features/sponsors/contract.ts';
import type { ExhibitorView } from './contract.ts';
import { loadExhibitor, type ExhibitorItem } from './access.ts';
import { toExhibitorView } from './exhibitor-service.ts';

const BILLED = { what: 'booth' };

async function written(eventId: string, exhibitorId: string, write: () => Promise<unknown>, refused: (now: ExhibitorItem) => ExhibitorView): Promise<ExhibitorView> {
  try {
    await write();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    return refused(await loadExhibitor(eventId, exhibitorId));
  }
  return toExhibitorView(await loadExhibitor(eventId, exhibitorId));
}

/**
 * Invoices the booth of an exhibitor billed on its own (no sponsorship, or
 * booked after the sponsorship's invoice): the charge's amount and currency,
 * once — the write is conditioned on no invoice yet. The charge itself never
 * changes after the booking, so reading it first is safe.
 */
export async function issueBoothInvoice(eventId: string, exhibitorId: string, input: IssueInvoiceInput): Promise<ExhibitorView> {
  const exhibitor = await loadExhibitor(eventId, exhibitorId);
  const charge = exhibitor.boothCharge;
  if (!charge || charge.billedTo !== 'exhibitor') throw conflict('nothing_to_invoice', "The exhibitor has no booth billed to it (none booked, or it is on its sponsorship's invoice)");
  if (invoiceAlreadyIssued(exhibitor.boothInvoice, input, BILLED)) return toExhibitorView(exhibitor);
  const invoice = newInvoice(input, `BO-${exhibitorId.slice(-10)}`, charge, nowIso());
  return written(
    eventId,
    exhibitorId,
    () => db().entities.exhibitor.patch({ eventId, exhibitorId }).set({ boothInvoice: invoice }).where((a, op) => op.notExists(a.boothInvoice)).go({ response: 'none' }),
    (now) => {
      if (invoiceAlreadyIssued(now.boothInvoice, invoice, BILLED)) return toExhibitorView(now);
      throw conflict('concurrent_update', 'The exhibitor changed meanwhile; read it and try again');
    },
  );
}

/** Records the booth invoice's payment, once (conditioned on none yet), only when amount and currency are the invoice's. */
export async function recordBoothPayment(eventId: string, exhibitorId: string, input: RecordPaymentInput, ctx: RequestContext): Promise<ExhibitorView> {
  const exhibitor = await loadExhibitor(eventId, exhibitorId);
  const recorded = paymentAgainst({ ...BILLED, invoice: exhibitor.boothInvoice, payment: exhibitor.boothPayment }, input, ctx.actorId, nowIso());
  if (!recorded) return toExhibitorView(exhibitor);
  const { payment } = recorded;
  return written(
    eventId,
    exhibitorId,
    () =>
      db()
        .entities.exhibitor.patch({ eventId, exhibitorId })
        .set({ boothPayment: payment })
        .where((a, op) => `${op.exists(a.boothInvoice)} AND ${op.notExists(a.boothPayment)}`)
        .go({ response: 'none' }),
    (now) => {
      if (isSamePayment(now.boothPayment, input)) return toExhibitorView(now);
      throw alreadyPaid(BILLED, now.boothPayment);
    },
  );
}
