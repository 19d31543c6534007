import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { runDueAnnouncements } from '#packages/features/announcements/index.ts';

export const handler = jobHandler('announcements-due', async () => {
  const result = await runDueAnnouncements();
  if (result.started || result.pushed) logger.info('announcements requested', result);
  return result;
});
