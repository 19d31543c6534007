import { listAnnouncements as route } from '#packages/features/announcements/routes.ts';
import { listAnnouncements } from '#packages/features/announcements/announcement-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok({ items: await listAnnouncements(params.id) }));
