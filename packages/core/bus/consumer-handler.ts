import type { EventBridgeEvent } from 'aws-lambda';
import { catalog, type DetailType, type EventData } from '../../../events/catalog.ts';
import { EventMetadata, type EventMetadataValue } from '../../../events/envelope.ts';
import { logger } from '../logger.ts';
import { consumerInvocation } from './consumer-invocation.ts';

export interface ConsumedEvent<T extends DetailType> {
  detailType: T;
  metadata: EventMetadataValue;
  data: EventData<T>;
}

/**
 * The one wrapper for EventBridge consumers: checks the envelope and the
 * catalog schema, logs ids only, and lets a thrown error reach EventBridge so
 * it retries and finally dead-letters. `consumer` is the name of its row in
 * events/routing.ts, which names the secrets it may read and labels its logs.
 */
export function consumerHandler<T extends DetailType>(
  consumer: string,
  detailTypes: readonly T[],
  fn: (event: ConsumedEvent<T>) => Promise<void>,
) {
  return consumerInvocation(consumer, async (event: EventBridgeEvent<string, unknown>, run): Promise<void> => {
    const detailType = event['detail-type'] as T;
    if (!detailTypes.includes(detailType)) {
      logger.warn('ignored detail-type', { detailType });
      return;
    }
    const detail = event.detail as { metadata?: unknown; data?: unknown };
    const metadata = EventMetadata.parse(detail.metadata);
    const data = catalog[detailType].data.parse(detail.data) as EventData<T>;
    logger.appendKeys({ eventId: metadata.id, detailType });
    await run(() => fn({ detailType, metadata, data }));
    logger.info('consumed');
  });
}
