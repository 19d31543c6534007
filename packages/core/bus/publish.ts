import type { EventBridgeClient } from '@aws-sdk/client-eventbridge';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';

let client: EventBridgeClient | undefined;

/** The EventBridge SDK, loaded on first use (a chunk of its own in a Lambda bundle), not in the cold import of every function that may publish. */
export const eventBridgeSdk = () => import('./eventbridge-sdk.ts');

/**
 * The process's EventBridge client, built on first use (resolving an SDK
 * client's config and middleware stack is import-time work every function
 * would pay, most before they publish anything). Endpoint from
 * AWS_ENDPOINT_URL_EVENTBRIDGE; locally that is the local bus.
 */
export async function eventBridgeClient(): Promise<EventBridgeClient> {
  if (client) return client;
  const { EventBridgeClient } = await eventBridgeSdk();
  return (client ??= boundedClient(new EventBridgeClient(dependencyClientConfig())));
}

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
  const { PutEventsCommand } = await eventBridgeSdk();
  const bus = await eventBridgeClient();
  for (let i = 0; i < events.length; i += BATCH) {
    const batch = events.slice(i, i + BATCH);
    const result = await bus.send(
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
