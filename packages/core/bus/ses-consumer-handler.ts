import type { EventBridgeEvent } from 'aws-lambda';
import type { Consumer } from '#events/routing.ts';
import { sesEventRecord, type SesDetailType, type SesEventRecord } from '#events/ses.ts';
import { logger } from '../logger.ts';
import { consumerInvocation, isDeclared } from './consumer-invocation.ts';

export interface ConsumedSesEvent<T extends SesDetailType = SesDetailType> {
  detailType: T;
  /** EventBridge's id of this delivery (SES events carry no metadata of ours). */
  busEventId: string;
  record: SesEventRecord;
}

/**
 * The wrapper for consumers of SES events forwarded to the tenant bus (events/ses.ts):
 * like `consumerHandler`, but the detail is SES's record, not our envelope.
 * A record we cannot read is logged and dropped (retrying would not help); a
 * thrown error reaches EventBridge, which retries and finally dead-letters.
 */
export function sesConsumerHandler<T extends SesDetailType>(consumer: Consumer<T>, fn: (event: ConsumedSesEvent<T>) => Promise<unknown>) {
  return consumerInvocation(consumer, async (event: EventBridgeEvent<string, unknown>, run): Promise<void> => {
    const detailType = event['detail-type'];
    if (!isDeclared(consumer.detailTypes, detailType)) {
      logger.warn('ignored detail-type', { detailType });
      return;
    }
    const parsed = sesEventRecord().safeParse(event.detail);
    if (!parsed.success) {
      logger.error('unreadable SES event dropped', { detailType, busEventId: event.id, issues: parsed.error.issues.length });
      return;
    }
    logger.appendKeys({ detailType, messageId: parsed.data.mail.messageId });
    const outcome = await run(() => fn({ detailType, busEventId: event.id, record: parsed.data }));
    logger.info('consumed', { outcome: typeof outcome === 'string' ? outcome : undefined });
  });
}
