import { addGuest as route } from '#packages/features/guest-lists/routes.ts';
import { addGuest } from '#packages/features/guest-lists/add-guest.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, principal, ctx }) => created(await addGuest(params.id, body, principal, ctx)));
