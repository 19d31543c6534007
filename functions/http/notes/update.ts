import { updateNote as route } from '#packages/api/routes/notes.ts';
import { updateNote } from '#packages/core/activities/note-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';
import { authorOnly } from '#packages/http/author-only.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await authorOnly(updateNote(params.id, body, ctx))));
