import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { runDueCampaigns } from '#packages/core/campaigns/due-campaigns.ts';
import { logger } from '#packages/http/logger.ts';

export const handler = middy(async () => {
  const result = await runDueCampaigns();
  if (result.started || result.pushed) logger.info('due campaigns', { ...result });
  return result;
}).use(injectLambdaContext(logger));
