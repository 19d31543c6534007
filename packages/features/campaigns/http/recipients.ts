import { listCampaignRecipients as route } from '#packages/features/campaigns/routes.ts';
import { listRecipients } from '#packages/features/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, query }) => ok(await listRecipients(params.id, query)));
