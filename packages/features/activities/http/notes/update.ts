import { updateNote as route } from '#packages/features/activities/notes-routes.ts';
import { updateNote } from '#packages/features/activities/note-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { authorOnly } from '#packages/http/author-only.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await authorOnly(updateNote(params.id, body, ctx))));
