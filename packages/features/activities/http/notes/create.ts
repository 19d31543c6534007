import { createNote as route } from '#packages/features/activities/notes-routes.ts';
import { createNote } from '#packages/features/activities/note-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createNote(body, ctx)));
