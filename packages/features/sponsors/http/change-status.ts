import { changeSponsorshipStatus as route } from '#packages/features/sponsors/routes.ts';
import { changeStatus } from '#packages/features/sponsors/status-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await changeStatus(params.id, params.sponsorshipId, body.status, ctx)));
