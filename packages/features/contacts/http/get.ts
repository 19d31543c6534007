import { getContact as route } from '#packages/features/contacts/routes.ts';
import { getContact } from '#packages/features/contacts/contact-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await getContact(params.id)));
