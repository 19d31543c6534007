import { removeExhibitorStaff as route } from '#packages/features/exhibitors/routes.ts';
import { removeStaff } from '#packages/features/exhibitors/staff-seats.ts';
import { httpHandler, noContent } from '#packages/http/http-handler.ts';

export const handler = httpHandler(route, async ({ params }) => {
  await removeStaff(params.id, params.exhibitorId, params.userId);
  return noContent();
});
