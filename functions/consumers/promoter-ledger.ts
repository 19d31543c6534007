import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordGuestAdded, recordGuestCheckedIn } from '#packages/features/guest-lists/guest-crm.ts';
import { recordGuestCheckIn, recordRefund, recordSale, recordTicketCheckIn } from '#packages/features/promoters/ledger.ts';
import { recordTableSettled } from '#packages/features/promoters/table-ledger.ts';

/**
 * Promoters' ledger lines (each line's key is derived from its cause, so redeliveries write nothing new) and
 * guests into the CRM (contact with the promoter as lead source, timeline lines keyed by the guest).
 */
export const handler = consumerHandler(consumers.promoterLedger, async (event) => {
  const correlationId = event.metadata.correlationId;
  switch (event.detailType) {
    case 'order.paid':
      await recordSale(event.data, correlationId);
      break;
    case 'order.refunded':
      await recordRefund(event.data, correlationId);
      break;
    case 'ticket.checked_in':
      if (!event.data.duplicate) await recordTicketCheckIn(event.data, correlationId);
      break;
    case 'guest.added':
      await recordGuestAdded(event.metadata, event.data);
      break;
    case 'guest.checked_in':
      // The ledger line first: it never waits for the contact, which may not exist yet (then this throws and retries).
      await recordGuestCheckIn(event.data, correlationId);
      await recordGuestCheckedIn(event.data);
      break;
    case 'table.settled':
      await recordTableSettled(event.data, correlationId);
      break;
  }
});
