import { deleteContactPermanently as route } from '#packages/api/routes/contacts.ts';
import { deleteContactPermanently } from '#packages/core/contacts/contact-trash.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteContactPermanently(params.id, ctx);
  return noContent();
});
