import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { runDueCancellations } from '#packages/core/cancellations/due-cancellations.ts';
import { logger } from '#packages/http/logger.ts';

export const handler = middy(async () => {
  const result = await runDueCancellations();
  if (result.pushed) logger.info('due event cancellations', { ...result });
  return result;
}).use(injectLambdaContext(logger));
