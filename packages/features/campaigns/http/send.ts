import { sendCampaign as route } from '#packages/features/campaigns/routes.ts';
import { requestSend } from '#packages/features/campaigns/request-send.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, ctx }) => ({ status: 202, body: await requestSend(params.id, ctx) }));
