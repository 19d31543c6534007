import { addExhibitorStaff as route } from '#packages/features/exhibitors/routes.ts';
import { addStaff } from '#packages/features/exhibitors/staff-seats.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => created(await addStaff(params.id, params.exhibitorId, body.userId)));
