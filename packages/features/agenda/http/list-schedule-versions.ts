import { listScheduleVersions as route } from '#packages/features/agenda/routes.ts';
import { listScheduleVersions } from '#packages/features/agenda/schedule-versions.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok({ items: await listScheduleVersions(params.id) }));
