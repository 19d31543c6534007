import { cancelCampaign as route } from '#packages/features/campaigns/routes.ts';
import { cancelCampaign } from '#packages/features/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await cancelCampaign(params.id)));
