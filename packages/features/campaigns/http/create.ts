import { createCampaign as route } from '#packages/features/campaigns/routes.ts';
import { createCampaign } from '#packages/features/campaigns/campaign-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ body, ctx }) => created(await createCampaign(body, ctx)));
