import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordGuestCheckIn, recordRefund, recordSale, recordTicketCheckIn } from '#packages/features/promoters/ledger.ts';

/** Promoters' ledger lines; each line's key is derived from its cause, so redeliveries write nothing new. */
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
    case 'guest.checked_in':
      await recordGuestCheckIn(event.data, correlationId);
      break;
  }
});
