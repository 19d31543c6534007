import { signUpGuest as route } from '#packages/features/guest-lists/routes.ts';
import { signUpThroughLink } from '#packages/features/guest-lists/add-guest.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await signUpThroughLink(params.slug, body, ctx)));
