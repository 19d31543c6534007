import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { catalog, type DetailType, type EventData } from '../../../events/catalog.ts';
import { EventMetadata, type EventMetadataValue } from '../../../events/envelope.ts';
import { logger } from '../../http/logger.ts';

export interface ConsumedEvent<T extends DetailType> {
  detailType: T;
  metadata: EventMetadataValue;
  data: EventData<T>;
}

/**
 * The one wrapper for EventBridge consumers: checks the envelope and the
 * catalog schema, logs ids only, and lets a thrown error reach EventBridge so
 * it retries and finally dead-letters.
 */
export function consumerHandler<T extends DetailType>(
  detailTypes: readonly T[],
  fn: (event: ConsumedEvent<T>) => Promise<void>,
) {
  const core = async (event: EventBridgeEvent<string, unknown>, _context: Context): Promise<void> => {
    const detailType = event['detail-type'] as T;
    if (!detailTypes.includes(detailType)) {
      logger.warn('ignored detail-type', { detailType });
      return;
    }
    const detail = event.detail as { metadata?: unknown; data?: unknown };
    const metadata = EventMetadata.parse(detail.metadata);
    const data = catalog[detailType].data.parse(detail.data) as EventData<T>;
    logger.appendKeys({ eventId: metadata.id, detailType, correlationId: metadata.correlationId });
    await fn({ detailType, metadata, data });
    logger.info('consumed');
  };
  return middy(core).use(injectLambdaContext(logger, { resetKeys: true }));
}
