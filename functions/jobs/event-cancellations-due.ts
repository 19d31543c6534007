import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { runDueCancellations } from '#packages/features/events/cancellation/due-cancellations.ts';
import { logger } from '#packages/core/logger.ts';

export const handler = jobHandler('event-cancellations-due', async () => {
  const result = await runDueCancellations();
  if (result.pushed) logger.info('due event cancellations', { ...result });
  return result;
});
