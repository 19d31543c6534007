import { announcementFeed as route } from '#packages/features/announcements/routes.ts';
import { announcementFeed } from '#packages/features/announcements/feed.ts';
import { attendeeOfToken } from '#packages/features/sessions/index.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await announcementFeed(attendeeOfToken(params.token)) }));
