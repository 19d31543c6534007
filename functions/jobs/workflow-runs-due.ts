import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { logger } from '#packages/core/logger.ts';
import { runDueWorkflowWork } from '#packages/features/workflows/due-runs.ts';

export const handler = jobHandler('workflow-runs-due', async () => {
  const result = await runDueWorkflowWork();
  if (result.resumed || result.fired) logger.info('due workflow runs', { ...result });
  return result;
});
