import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { approveDueLines } from '#packages/features/promoters/approval.ts';

export const handler = jobHandler('promoter-commission-approval', async () => {
  const result = await approveDueLines();
  if (result.approved) logger.info('commission lines approved', result);
  return result;
});
