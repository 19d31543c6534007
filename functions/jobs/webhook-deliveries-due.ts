import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { sendDueDeliveries } from '#packages/features/webhooks/due-deliveries.ts';

export const handler = jobHandler('webhook-deliveries-due', async () => {
  const result = await sendDueDeliveries();
  if (result.delivered || result.retry || result.failed) logger.info('due webhook deliveries', { ...result });
  return result;
});
