import { deleteNote as route } from '#packages/features/activities/notes-routes.ts';
import { deleteNote } from '#packages/features/activities/note-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';
import { authorOnly } from '#packages/http/author-only.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await authorOnly(deleteNote(params.id, ctx));
  return noContent();
});
