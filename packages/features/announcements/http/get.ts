import { getAnnouncement as route } from '#packages/features/announcements/routes.ts';
import { getAnnouncement } from '#packages/features/announcements/announcement-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getAnnouncement(params.id, params.announcementId)));
