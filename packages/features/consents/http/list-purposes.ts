import { listConsentPurposes as route } from '#packages/features/consents/routes.ts';
import { listPurposes } from '#packages/features/consents/purposes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async () => ok({ items: await listPurposes() }));
