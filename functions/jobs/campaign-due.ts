import { jobHandler } from '#packages/core/bus/job-handler.ts';
import { runDueCampaigns } from '#packages/features/campaigns/due-campaigns.ts';
import { logger } from '#packages/core/logger.ts';

export const handler = jobHandler('campaign-due', async () => {
  const result = await runDueCampaigns();
  if (result.started || result.pushed || result.decided) logger.info('due campaigns', { ...result });
  return result;
});
