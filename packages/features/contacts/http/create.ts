import { createContact as route } from '#packages/features/contacts/routes.ts';
import { createContact } from '#packages/features/contacts/contact-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createContact(body, ctx)));
