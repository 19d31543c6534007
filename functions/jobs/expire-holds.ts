import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { expireHolds } from '#packages/features/orders/expire-holds.ts';
import { logger } from '#packages/core/logger.ts';

export const handler = jobHandler('expire-holds', async () => {
  const result = await expireHolds();
  if (result.expired) logger.info('holds expired', result);
  return result;
});
