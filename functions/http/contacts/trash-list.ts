import { listContactTrash as route } from '#packages/api/routes/contacts.ts';
import { listTrash } from '#packages/core/contacts/contact-trash.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listTrash(query)));
