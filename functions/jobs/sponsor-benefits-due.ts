import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { createOverdueBenefitTasks } from '#packages/features/sponsors/index.ts';

export const handler = jobHandler('sponsor-benefits-due', async () => {
  const result = await createOverdueBenefitTasks();
  if (result.tasks) logger.info('overdue sponsor benefits given tasks', result);
  return result;
});
