import { putConsentPurpose as route } from '#packages/features/consents/routes.ts';
import { putPurpose } from '#packages/features/consents/purposes.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, body }) => ok(await putPurpose(params.purposeId, body)));
