import { trashContact as route } from '#packages/features/contacts/routes.ts';
import { trashContact } from '#packages/features/contacts/contact-trash.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx, ifMatch }) => {
  await trashContact(params.id, ctx, ifMatch);
  return noContent();
});
