import { listNotes as route } from '#packages/api/routes/notes.ts';
import { listNotes } from '#packages/core/activities/note-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listNotes(query.contactId, query, ctx)));
