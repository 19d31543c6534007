import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { applyOnce } from '#packages/core/bus/apply-once.ts';

const consumer = consumers.countPublishedEvents;

/** Keeps each venue's count of published events; proves the bus path end to end. */
export const handler = consumerHandler(consumer, async ({ metadata, data }) => {
  await applyOnce(consumer.idempotencyScope, metadata.id, ({ venue }) => [
    venue.patch({ venueId: data.venueId }).add({ publishedEventsCount: 1 }).commit(),
  ]);
});
