import { cancelCampaign as route } from '#packages/api/routes/campaigns.ts';
import { cancelCampaign } from '#packages/core/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await cancelCampaign(params.id)));
