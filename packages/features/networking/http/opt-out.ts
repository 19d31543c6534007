import { optOut as route } from '#packages/features/networking/routes.ts';
import { optOut } from '#packages/features/networking/profile-service.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await optOut(params.token);
  return noContent();
});
