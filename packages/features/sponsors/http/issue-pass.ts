import { issueSponsorPass as route } from '#packages/features/sponsors/routes.ts';
import { issuePass } from '#packages/features/sponsors/pass-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => created(await issuePass(params.id, params.sponsorshipId, body, ctx)));
