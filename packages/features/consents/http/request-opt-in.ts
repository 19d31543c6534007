import { requestOptIn as route } from '#packages/features/consents/routes.ts';
import { requestOptIn } from '#packages/features/consents/double-opt-in.ts';
import { httpHandler } from '#packages/http/http-handler.ts';
import { originOf } from './origin.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) => ({
  status: 202,
  body: await requestOptIn(params.id, params.purposeId, body, ctx, originOf(event)),
}));
