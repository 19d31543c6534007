import { deleteVenueSeatMap as route } from '#packages/features/seating/routes.ts';
import { deleteVenueSeatMap } from '#packages/features/seating/venue-maps.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await deleteVenueSeatMap(params.id, params.version);
  return noContent();
});
