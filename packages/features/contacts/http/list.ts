import { listContacts as route } from '#packages/features/contacts/routes.ts';
import { listContacts } from '#packages/features/contacts/contact-queries.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) => ok(await listContacts(query)));
