import { createContact as route } from '#packages/api/routes/contacts.ts';
import { createContact } from '#packages/core/contacts/contact-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createContact(body, ctx)));
