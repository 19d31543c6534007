import { listContacts as route } from '#packages/api/routes/contacts.ts';
import { listContacts } from '#packages/core/contacts/contact-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listContacts(query)));
