import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { purgeContactTimeline } from '#packages/core/timeline/purge-contact-timeline.ts';

/** A hard-deleted contact's timeline, activities and attendance items go with it. */
export const handler = consumerHandler('crm-timeline-purge', ['contact.deleted'], async ({ data }) => {
  await purgeContactTimeline(data.contactId);
});
