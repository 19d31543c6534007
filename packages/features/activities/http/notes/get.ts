import { getNote as route } from '#packages/features/activities/notes-routes.ts';
import { getNote } from '#packages/features/activities/note-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await getNote(params.id, ctx)));
