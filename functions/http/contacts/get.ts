import { getContact as route } from '#packages/api/routes/contacts.ts';
import { getContact } from '#packages/core/contacts/contact-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getContact(params.id)));
