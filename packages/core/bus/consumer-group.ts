import type { Context, EventBridgeEvent } from 'aws-lambda';

export type ConsumerLambda = (event: EventBridgeEvent<string, unknown>, context: Context) => Promise<unknown>;

export interface ConsumerGroupMember {
  consumer: string;
  detailTypes: readonly string[];
  /**
   * Loads the consumer's own handler export (functions/consumers/<handler>.ts),
   * the same the local bus calls: a dynamic `import()` in the generated entry,
   * so a cold instance loads only the members the event it got needs.
   */
  load: () => Promise<ConsumerLambda>;
}

/**
 * The Lambda handler of a consumer group (infra/consumer-layout.ts): one rule
 * delivers the union of its members' detail-types, and this hands the event to
 * each member that declares its detail-type, one after the other. A member
 * that throws does not stop the others; the group then throws, so EventBridge
 * and Lambda retry the whole delivery — members are idempotent per event
 * (their processed-event markers), so those that already succeeded skip it.
 */
export interface ConsumerGroupLambda extends ConsumerLambda {
  /** Consumer name → the loader of its handler export (what the bench times on a cold instance). */
  readonly members: Readonly<Record<string, ConsumerGroupMember['load']>>;
}

export function consumerGroupDispatcher(group: string, members: readonly ConsumerGroupMember[]): ConsumerGroupLambda {
  const loaded = new Map<string, Promise<ConsumerLambda>>();
  const handlerOf = (member: ConsumerGroupMember) => {
    let handler = loaded.get(member.consumer);
    if (!handler) {
      handler = member.load();
      loaded.set(member.consumer, handler);
      // A load that failed is tried again on the next delivery, not cached.
      handler.catch(() => loaded.delete(member.consumer));
    }
    return handler;
  };
  const dispatch: ConsumerLambda = async (event, context) => {
    const detailType = event['detail-type'];
    const failures: string[] = [];
    let matched = 0;
    for (const member of members) {
      if (!member.detailTypes.includes(detailType)) continue;
      matched++;
      try {
        await (await handlerOf(member))(event, context);
      } catch (error) {
        failures.push(`${member.consumer}: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
    if (failures.length > 0) {
      throw new Error(`consumer group ${group}: ${failures.length} of ${matched} consumers of ${detailType} failed (${failures.join('; ')})`);
    }
  };
  return Object.assign(dispatch, { members: Object.freeze(Object.fromEntries(members.map((m) => [m.consumer, m.load]))) });
}
