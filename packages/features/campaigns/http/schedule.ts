import { scheduleCampaign as route } from '#packages/features/campaigns/routes.ts';
import { scheduleCampaign } from '#packages/features/campaigns/campaign-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await scheduleCampaign(params.id, body.at)));
