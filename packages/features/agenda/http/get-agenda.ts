import { getAgenda as route } from '#packages/features/agenda/routes.ts';
import { publishedAgenda } from '#packages/features/agenda/schedule-versions.ts';
import { cachedPublic } from '#packages/http/cached-public.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params, event }) => {
  const { agenda, etag } = await publishedAgenda(params.id);
  return cachedPublic(event, etag, { status: 200, body: agenda });
});
