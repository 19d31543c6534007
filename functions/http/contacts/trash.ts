import { trashContact as route } from '#packages/api/routes/contacts.ts';
import { trashContact } from '#packages/core/contacts/contact-trash.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await trashContact(params.id, ctx);
  return noContent();
});
