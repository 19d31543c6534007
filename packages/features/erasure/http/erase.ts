import { eraseContact as route } from '#packages/features/erasure/routes.ts';
import { eraseContact } from '#packages/features/erasure/erase-contact.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ok(await eraseContact(params.id, ctx)));
