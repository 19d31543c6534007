import { getPreferencesLink as route } from '#packages/features/consents/routes.ts';
import { contactExists } from '#packages/features/consents/consent-service.ts';
import { preferencesLink } from '#packages/features/consents/preferences.ts';
import { httpHandler, ok } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await contactExists(params.id);
  return ok({ url: preferencesLink(params.id) });
});
