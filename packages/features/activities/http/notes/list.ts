import { listNotes as route } from '#packages/features/activities/notes-routes.ts';
import { listNotes } from '#packages/features/activities/note-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query, ctx }) => ok(await listNotes(query.contactId, query, ctx)));
