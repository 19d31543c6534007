import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { refreshContactMemberships } from '#packages/features/segments/refresh-contact.ts';

/**
 * A contact was created, changed or deleted: its membership in every segment
 * is re-decided from its current state. No marker is needed — the outcome
 * depends on the stored state, not on the event, so redelivery and
 * reordering are harmless.
 */
export const handler = consumerHandler(consumers.segmentsRefreshContact, async ({ data }) => {
  await refreshContactMemberships(data.contactId);
});
