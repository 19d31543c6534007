import type { EventBridgeEvent } from 'aws-lambda';
import { catalog, type DetailType, type EventData } from '#events/catalog.ts';
import { EventMetadata, type EventMetadataValue } from '#events/envelope.ts';
import type { Consumer } from '#events/routing.ts';
import { logger } from '../logger.ts';
import { consumerInvocation, isDeclared } from './consumer-invocation.ts';

/**
 * One consumed event of a declared detail-type: a union discriminated by
 * `detailType`, so `switch (event.detailType)` narrows `event.data`.
 */
export type ConsumedEvent<T extends DetailType> = {
  [K in T]: { detailType: K; metadata: EventMetadataValue; data: EventData<K> };
}[T];

/**
 * The one wrapper for EventBridge consumers of our domain events: checks the
 * envelope and the catalog schema, logs ids only, and lets a thrown error
 * reach EventBridge so it retries and finally dead-letters. `consumer` is its
 * declaration in events/routing.ts: the detail-types it takes (and the type
 * of the event handed on), the secrets it may read, the name on its logs.
 */
export function consumerHandler<T extends DetailType>(consumer: Consumer<T>, fn: (event: ConsumedEvent<T>) => Promise<void>) {
  return consumerInvocation(consumer, async (event: EventBridgeEvent<string, unknown>, run): Promise<void> => {
    const detailType = event['detail-type'];
    if (!isDeclared(consumer.detailTypes, detailType)) {
      logger.warn('ignored detail-type', { detailType });
      return;
    }
    const detail = event.detail as { metadata?: unknown; data?: unknown };
    const metadata = EventMetadata.parse(detail.metadata);
    const data: unknown = catalog[detailType].data.parse(detail.data);
    logger.appendKeys({ eventId: metadata.id, detailType });
    // The catalog's schema of `detailType` has just parsed `data`: this is the one place the pairing is asserted.
    const consumed = { detailType, metadata, data } as ConsumedEvent<T>;
    await run(() => fn(consumed));
    logger.info('consumed');
  });
}
