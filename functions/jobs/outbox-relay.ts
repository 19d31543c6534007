import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import middy from '@middy/core';
import { relayOutbox } from '#packages/core/bus/outbox.ts';
import { logger } from '#packages/http/logger.ts';

export const handler = middy(async () => {
  const relayed = await relayOutbox();
  if (relayed) logger.info('outbox relayed', { relayed });
  return { relayed };
}).use(injectLambdaContext(logger));
