import { getAgenda as route } from '#packages/features/agenda/routes.ts';
import { publishedAgenda } from '#packages/features/agenda/schedule-versions.ts';
import { httpHandler } from '#packages/http/http-handler.ts';

// The release's ETag; the stack adds Cache-Control and answers 304 (the route's `cache`).
export const handler = httpHandler(route, async ({ params }) => {
  const { agenda, etag } = await publishedAgenda(params.id);
  return { status: 200, body: agenda, headers: { etag } };
});
