import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';

let client: EventBridgeClient | undefined;

/**
 * The process's EventBridge client, built on first use (resolving an SDK
 * client's config and middleware stack is import-time work every function
 * would pay, most before they publish anything). Endpoint from
 * AWS_ENDPOINT_URL_EVENTBRIDGE; locally that is the local bus.
 */
export const eventBridgeClient = (): EventBridgeClient => (client ??= boundedClient(new EventBridgeClient(dependencyClientConfig())));

export interface BusEntry {
  eventId: string;
  source: string;
  detailType: string;
  detail: string;
}

/** PutEvents takes at most 10 entries a call. */
const BATCH = 10;

/** Puts events on the tenant bus; returns the ids EventBridge accepted. */
export async function putOnBus(events: readonly BusEntry[]): Promise<string[]> {
  const accepted: string[] = [];
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    const result = await eventBridgeClient().send(
      new PutEventsCommand({
        Entries: batch.map((e) => ({
          EventBusName: process.env.EVENT_BUS_NAME ?? 'default',
          Source: e.source,
          DetailType: e.detailType,
          Detail: e.detail,
        })),
      }),
    );
    batch.forEach((e, index) => {
      if (!result.Entries?.[index]?.ErrorCode) accepted.push(e.eventId);
    });
  }
  return accepted;
}
