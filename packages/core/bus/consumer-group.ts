import type { Context, EventBridgeEvent } from 'aws-lambda';

export type ConsumerLambda = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<unknown>;

export interface ConsumerGroupMember {
  consumer: string;
  detailTypes: readonly string[];
  /** The consumer's own handler export (functions/consumers/<handler>.ts), the same the local bus calls. */
  handler: ConsumerLambda;
}

/**
 * The Lambda handler of a consumer group (infra/consumer-layout.ts): one rule
 * delivers the union of its members' detail-types, and this hands the event to
 * each member that declares its detail-type, one after the other. A member
 * that throws does not stop the others; the group then throws, so EventBridge
 * and Lambda retry the whole delivery — members are idempotent per event
 * (their processed-event markers), so those that already succeeded skip it.
 */
export function consumerGroupDispatcher(group: string, members: readonly ConsumerGroupMember[]): ConsumerLambda {
  return async (event, context) => {
    const detailType = event['detail-type'];
    const failures: string[] = [];
    let matched = 0;
    for (const member of members) {
      if (!member.detailTypes.includes(detailType)) continue;
      matched++;
      try {
        await member.handler(event, context);
      } catch (error) {
        failures.push(`${member.consumer}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) {
      throw new Error(`consumer group ${group}: ${failures.length} of ${matched} consumers of ${detailType} failed (${failures.join('; ')})`);
    }
  };
}
