import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { markDueNoShows } from '#packages/features/tables/no-show-due.ts';

export const handler = jobHandler('table-no-shows', async () => {
  const result = await markDueNoShows();
  if (result.noShows) logger.info('table bookings marked no-show', result);
  return result;
});
