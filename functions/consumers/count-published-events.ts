import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { applyOnce } from '#packages/core/bus/apply-once.ts';

/** Keeps each venue's count of published events; proves the bus path end to end. */
export const handler = consumerHandler('count-published-events', ['event.published'], async ({ metadata, data }) => {
  await applyOnce('count-published-events', metadata.id, ({ venue }) => [
    venue.patch({ venueId: data.venueId }).add({ publishedEventsCount: 1 }).commit(),
  ]);
});
