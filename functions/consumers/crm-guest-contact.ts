import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { recordGuestAdded, recordGuestCheckedIn } from '#packages/features/guest-lists/guest-crm.ts';

/** A guest becomes a contact with the promoter as lead source; timeline lines keyed by the guest (redeliveries overwrite). */
export const handler = consumerHandler(consumers.crmGuestContact, async (event) => {
  switch (event.detailType) {
    case 'guest.added':
      await recordGuestAdded(event.metadata, event.data);
      break;
    case 'guest.checked_in':
      await recordGuestCheckedIn(event.data);
      break;
  }
});
