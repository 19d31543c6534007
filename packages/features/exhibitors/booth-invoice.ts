import type { RequestContext } from '#packages/core/context.ts';
import { nowIso } from '#packages/core/clock.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import type { IssueInvoiceInput, RecordPaymentInput } from '#packages/features/sponsors/contract.ts';
import type { ExhibitorView } from './contract.ts';
import { loadExhibitor, type ExhibitorItem } from './access.ts';
import { toExhibitorView } from './exhibitor-service.ts';

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
  if (exhibitor.boothInvoice) {
    if (input.number === undefined || input.number === exhibitor.boothInvoice.number) return toExhibitorView(exhibitor);
    throw conflict('already_invoiced', `The booth is invoiced already (invoice ${exhibitor.boothInvoice.number})`);
  }
  const invoice = { number: input.number ?? `BO-${exhibitorId.slice(-10)}`, amount: charge.amount, currency: charge.currency, issuedAt: nowIso(), ...(input.dueDate ? { dueDate: input.dueDate } : {}) };
  return written(
    eventId,
    exhibitorId,
    () => db().entities.exhibitor.patch({ eventId, exhibitorId }).set({ boothInvoice: invoice }).where((a, op) => op.notExists(a.boothInvoice)).go({ response: 'none' }),
    (now) => {
      if (now.boothInvoice?.number === invoice.number) return toExhibitorView(now);
      throw conflict('already_invoiced', `The booth is invoiced already (invoice ${now.boothInvoice?.number})`);
    },
  );
}

/** Records the booth invoice's payment, once (conditioned on none yet), only when amount and currency are the invoice's. */
export async function recordBoothPayment(eventId: string, exhibitorId: string, input: RecordPaymentInput, ctx: RequestContext): Promise<ExhibitorView> {
  const exhibitor = await loadExhibitor(eventId, exhibitorId);
  const same = (p: ExhibitorItem['boothPayment']) => p?.reference === input.reference && p.amount === input.amount.amount && p.currency === input.amount.currency;
  if (exhibitor.boothPayment) {
    if (same(exhibitor.boothPayment)) return toExhibitorView(exhibitor);
    throw conflict('already_paid', 'A payment is recorded for this booth already', { reference: exhibitor.boothPayment.reference });
  }
  const invoice = exhibitor.boothInvoice;
  if (!invoice) throw conflict('not_invoiced', 'A payment is recorded against an issued booth invoice');
  if (input.amount.amount !== invoice.amount || input.amount.currency !== invoice.currency) {
    throw unprocessable('amount_mismatch', `The payment must be the invoice's ${invoice.amount} ${invoice.currency} exactly`, { invoice: { number: invoice.number, amount: invoice.amount, currency: invoice.currency } });
  }
  const at = nowIso();
  const payment = { method: input.method, reference: input.reference, amount: input.amount.amount, currency: input.amount.currency, receivedOn: input.receivedOn ?? at.slice(0, 10), recordedAt: at, recordedBy: ctx.actorId };
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
      if (same(now.boothPayment)) return toExhibitorView(now);
      throw conflict('already_paid', 'A payment is recorded for this booth already');
    },
  );
}
