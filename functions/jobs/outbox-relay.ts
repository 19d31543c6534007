import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { relayOutbox } from '#packages/core/bus/outbox.ts';
import { logger } from '#packages/core/logger.ts';

export const handler = jobHandler('outbox-relay', async () => {
  const relayed = await relayOutbox();
  if (relayed) logger.info('outbox relayed', { relayed });
  return { relayed };
});
