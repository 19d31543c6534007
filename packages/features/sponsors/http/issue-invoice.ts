import { issueInvoice } from '#packages/features/sponsors/invoice-service.ts';
import { issueSponsorInvoice as route } from '#packages/features/sponsors/routes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body, ctx }) => ok(await issueInvoice(params.id, params.sponsorshipId, body, ctx)));
