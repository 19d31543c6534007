import { db } from '#packages/core/db/service.ts';
import { validTicket, type AttendeeRef } from '#packages/features/sessions/index.ts';
import { toFeedItem } from './announcement-store.ts';
import { ticketInAudience } from './audience.ts';
import type { FeedItemView } from './contract.ts';

/** The attendee's feed: the event's sent (or sending) announcements whose audience holds their ticket, newest first. */
export async function announcementFeed(ref: AttendeeRef): Promise<FeedItemView[]> {
  const ticket = await validTicket(ref);
  const { data } = await db().entities.announcement.query.byEvent({ eventId: ref.eventId }).go({ pages: 'all' });
  const out: FeedItemView[] = [];
  for (const a of data.filter((x) => x.state !== 'scheduled')) {
    if (await ticketInAudience(a, ticket)) out.push(toFeedItem(a));
  }
  return out.sort((x, y) => y.sentAt.localeCompare(x.sentAt) || y.id.localeCompare(x.id));
}
