import { deleteNote as route } from '#packages/api/routes/notes.ts';
import { deleteNote } from '#packages/core/activities/note-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';
import { authorOnly } from '#packages/http/author-only.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await authorOnly(deleteNote(params.id, ctx));
  return noContent();
});
