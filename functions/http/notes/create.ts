import { createNote as route } from '#packages/api/routes/notes.ts';
import { createNote } from '#packages/core/activities/note-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createNote(body, ctx)));
