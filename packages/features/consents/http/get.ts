import { getContactConsents as route } from '#packages/features/consents/routes.ts';
import { contactConsents } from '#packages/features/consents/consent-service.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => ok(await contactConsents(params.id)));
