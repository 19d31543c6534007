import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { deliverAnnouncement } from '#packages/features/announcements/index.ts';

/** An announcement is due: each recipient mailed once (recipient items and claims, so a redelivery mails nobody twice). */
export const handler = consumerHandler(consumers.announcementSend, async ({ data, metadata }) => {
  await deliverAnnouncement(data.eventId, data.announcementId, metadata);
});
