import { createSponsorship as route } from '#packages/features/sponsors/routes.ts';
import { createSponsorship } from '#packages/features/sponsors/sponsorship-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await createSponsorship(params.id, body, ctx)));
