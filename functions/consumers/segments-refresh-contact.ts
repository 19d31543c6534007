import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { refreshContactMemberships } from '#packages/features/segments/refresh-contact.ts';

/**
 * A contact was created, changed or deleted: its membership in every segment
 * is re-decided from its current state. No marker is needed — the outcome
 * depends on the stored state, not on the event, so redelivery and
 * reordering are harmless.
 */
export const handler = consumerHandler(consumers.segmentsRefreshContact, async ({ data, metadata }) => {
  // The change's chain depth travels on to segment.entered/left, so workflows triggering each other through a segment stop too.
  await refreshContactMemberships(data.contactId, { correlationId: metadata.correlationId, ...(metadata.depth ? { depth: metadata.depth } : {}) });
});
