import { updateContact as route } from '#packages/features/contacts/routes.ts';
import { updateContact } from '#packages/features/contacts/contact-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, ifMatch }) => ok(await updateContact(params.id, body, ctx, ifMatch)));
