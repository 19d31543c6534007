import { publishSchedule as route } from '#packages/features/agenda/routes.ts';
import { publishSchedule } from '#packages/features/agenda/schedule-versions.ts';
import { created, httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await publishSchedule(params.id, body.comment)));
