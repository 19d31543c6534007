import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { expireHolds } from '#packages/core/orders/expire-holds.ts';
import { logger } from '#packages/http/logger.ts';

export const handler = middy(async () => {
  const result = await expireHolds();
  if (result.expired) logger.info('holds expired', result);
  return result;
}).use(injectLambdaContext(logger));
