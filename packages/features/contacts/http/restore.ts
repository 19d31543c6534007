import { restoreContact as route } from '#packages/features/contacts/routes.ts';
import { restoreContact } from '#packages/features/contacts/contact-trash.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await restoreContact(params.id, ctx)));
