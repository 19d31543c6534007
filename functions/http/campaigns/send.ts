import { sendCampaign as route } from '#packages/api/routes/campaigns.ts';
import { requestSend } from '#packages/core/campaigns/request-send.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ({ status: 202, body: await requestSend(params.id, ctx) }));
