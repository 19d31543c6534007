import { createAnnouncement as route } from '#packages/features/announcements/routes.ts';
import { createAnnouncement } from '#packages/features/announcements/announcement-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await createAnnouncement(params.id, body, ctx)));
