import { deleteContactPermanently as route } from '#packages/features/contacts/routes.ts';
import { deleteContactPermanently } from '#packages/features/contacts/contact-trash.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => {
  await deleteContactPermanently(params.id, ctx);
  return noContent();
});
