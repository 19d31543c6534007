import { recordConsent as route } from '#packages/features/consents/routes.ts';
import { recordConsent } from '#packages/features/consents/consent-service.ts';
import { created, httpHandler } from '#packages/http/http-handler.ts';
import { originOf } from './origin.ts';

export const handler = httpHandler(route, async ({ params, body, ctx, event }) =>
  created(await recordConsent(params.id, body, ctx, originOf(event))),
);
