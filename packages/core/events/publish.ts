import { EventBridgeClient, PutEventsCommand } from '@aws-sdk/client-eventbridge';
import { catalog, type DetailType, type EventData } from '../../../events/catalog.ts';
import type { RequestContext } from '../context.ts';
import { nowIso } from '../clock.ts';
import { newId } from '../ids.ts';

// Endpoint from AWS_ENDPOINT_URL_EVENTBRIDGE; locally that is the local bus.
const client = new EventBridgeClient({});

export class PublishError extends Error {
  override name = 'PublishError';
}

/** Validates against the catalog, wraps in the envelope and puts it on the tenant bus. */
export async function publish<T extends DetailType>(detailType: T, data: EventData<T>, ctx: Pick<RequestContext, 'correlationId'>): Promise<string> {
  const entry = catalog[detailType];
  const parsed = entry.data.parse(data);
  const id = newId();
  const detail = { metadata: { id, occurredAt: nowIso(), version: entry.version, correlationId: ctx.correlationId }, data: parsed };
  const result = await client.send(
    new PutEventsCommand({
      Entries: [
        {
          EventBusName: process.env.EVENT_BUS_NAME ?? 'default',
          Source: entry.source,
          DetailType: detailType,
          Detail: JSON.stringify(detail),
        },
      ],
    }),
  );
  if (result.FailedEntryCount) {
    throw new PublishError(`EventBridge refused ${detailType}: ${result.Entries?.[0]?.ErrorCode ?? 'unknown'}`);
  }
  return id;
}
