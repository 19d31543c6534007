import { listContacts as route } from '#packages/api/routes/contacts.ts';
import { findContactByEmail, listContacts } from '#packages/core/contacts/contact-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ query }) =>
  ok(query.email === undefined ? await listContacts(query) : await findContactByEmail(query.email)),
);
