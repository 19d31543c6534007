import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { expireSessionOffers } from '#packages/features/sessions/index.ts';

export const handler = jobHandler('expire-session-offers', async () => {
  const result = await expireSessionOffers();
  if (result.expired) logger.info('session offers expired', result);
  return result;
});
