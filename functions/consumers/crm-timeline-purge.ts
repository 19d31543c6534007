import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { purgeContactTimeline } from '#packages/features/timeline/purge-contact-timeline.ts';

/** A hard-deleted contact's timeline, activities and attendance items go with it. */
export const handler = consumerHandler(consumers.crmTimelinePurge, async ({ data }) => {
  await purgeContactTimeline(data.contactId);
});
