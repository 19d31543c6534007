import middy from '@middy/core';
import { injectLambdaContext } from '@aws-lambda-powertools/logger/middleware';
import type { Context, EventBridgeEvent } from 'aws-lambda';
import { isSesDetailType, SesEventRecord, type SesDetailType } from '../../../events/ses.ts';
import { logger } from '../../http/logger.ts';

export interface ConsumedSesEvent {
  detailType: SesDetailType;
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
export function sesConsumerHandler(detailTypes: readonly SesDetailType[], fn: (event: ConsumedSesEvent) => Promise<unknown>) {
  const core = async (event: EventBridgeEvent<string, unknown>, _context: Context): Promise<void> => {
    const detailType = event['detail-type'];
    if (!isSesDetailType(detailType) || !detailTypes.includes(detailType)) {
      logger.warn('ignored detail-type', { detailType });
      return;
    }
    const parsed = SesEventRecord.safeParse(event.detail);
    if (!parsed.success) {
      logger.error('unreadable SES event dropped', { detailType, busEventId: event.id, issues: parsed.error.issues.length });
      return;
    }
    logger.appendKeys({ busEventId: event.id, detailType, messageId: parsed.data.mail.messageId });
    const outcome = await fn({ detailType, busEventId: event.id, record: parsed.data });
    logger.info('consumed', { outcome: typeof outcome === 'string' ? outcome : undefined });
  };
  return middy(core).use(injectLambdaContext(logger, { resetKeys: true }));
}
