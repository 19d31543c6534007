import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import type { EntityItem } from 'electrodb';
import { documentClient, tableName } from '#packages/core/db/client.ts';
import type { bundleEntity } from '#packages/core/db/entities/bundle.ts';
import type { eventEntity } from '#packages/core/db/entities/event.ts';
import type { seatingEntity } from '#packages/core/db/entities/seating.ts';
import type { ticketTypeEntity } from '#packages/core/db/entities/ticket-type.ts';
import { sharedReads } from '#packages/core/cache/shared-read.ts';
import { db } from '#packages/core/db/service.ts';

export interface EventDetails {
  event: EntityItem<typeof eventEntity> | null;
  ticketTypes: EntityItem<typeof ticketTypeEntity>[];
  bundles: EntityItem<typeof bundleEntity>[];
  /** The seating head (`$eventdetails#seating_1`, inside the range): which types are seated, where each category's seats are. */
  seating: EntityItem<typeof seatingEntity> | null;
}

/** Past every character ElectroDB puts in a key (lower-cased ULIDs, `#`, `_`). */
const HIGHEST = '\uffff';

/**
 * The key range of the `eventDetails` collection that holds what an order is
 * priced from. Its sort keys run, in byte order:
 *
 *   $eventdetails#bundle_1#bundleid_…        ← from here
 *   $eventdetails#checkinlist_1#listid_…      (a few per event; read, then dropped by `parse`)
 *   $eventdetails#event_1
 *   $eventdetails#seating_1                   (the seat map's head, when the event has one)
 *   $eventdetails#tickettype_1#tickettypeid_… ← to the last of these
 *   $eventdetails#voucher_1#code_…            (left out: an event may have thousands of codes)
 *
 * Taken once from the entities' own key templates (building ElectroDB params
 * on every order costs ~0.5 ms of CPU), and checked, so that renaming an
 * entity or its collection fails here instead of silently reading nothing.
 */
const SENTINEL = 'sentinel0eventid';
let template: { pk: string; from: string; to: string } | undefined;

function rangeTemplate(): { pk: string; from: string; to: string } {
  if (template) return template;
  const { entities } = db();
  const eventKey = entities.event.get({ eventId: SENTINEL }).params().Key as { pk: string; sk: string };
  const bundles = entities.bundle.query.byEvent({ eventId: SENTINEL }).params().ExpressionAttributeValues as { ':pk': string; ':sk1': string };
  const types = entities.ticketType.query.byEvent({ eventId: SENTINEL }).params().ExpressionAttributeValues as { ':pk': string; ':sk1': string };
  const voucher = entities.voucher.get({ eventId: SENTINEL, code: 'X' }).params().Key as { sk: string };
  const range = { pk: eventKey.pk, from: bundles[':sk1'], to: types[':sk1'] + HIGHEST };
  const ordered = range.from < eventKey.sk && eventKey.sk < range.to && range.to < voucher.sk;
  const onePartition = bundles[':pk'] === range.pk && types[':pk'] === range.pk && range.pk.endsWith(SENTINEL);
  if (!ordered || !onePartition) {
    throw new Error(`eventDetails keys changed: ${JSON.stringify({ ...range, event: eventKey.sk, voucher: voucher.sk })}`);
  }
  return (template = range);
}

export function eventDetailsRange(eventId: string): { pk: string; from: string; to: string } {
  const { pk, from, to } = rangeTemplate();
  // ElectroDB lower-cases key values (its default `casing`).
  return { pk: pk.slice(0, -SENTINEL.length) + eventId.toLowerCase(), from, to };
}

/**
 * The event, its ticket types and its bundles in ONE Query on the event's
 * partition (eventually consistent, like the three reads it replaces: a
 * GetItem and two Queries, each billed at least 0.5 RCU even when empty).
 * One 4 KB read unit covers an event with a handful of types and bundles.
 * Pages only past DynamoDB's 1 MB per response.
 */
export async function loadEventDetails(eventId: string): Promise<EventDetails> {
  const { pk, from, to } = eventDetailsRange(eventId);
  const items: Record<string, unknown>[] = [];
  let start: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await documentClient.send(
      new QueryCommand({
        TableName: tableName(),
        KeyConditionExpression: '#pk = :pk AND #sk BETWEEN :from AND :to',
        ExpressionAttributeNames: { '#pk': 'pk', '#sk': 'sk' },
        ExpressionAttributeValues: { ':pk': pk, ':from': from, ':to': to },
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    items.push(...(page.Items ?? []));
    start = page.LastEvaluatedKey;
  } while (start);
  // `parse` keeps only the items each entity owns (by ElectroDB's own markers), so check-in lists fall away.
  const { entities } = db();
  return {
    event: entities.event.parse({ Items: items }).data[0] ?? null,
    ticketTypes: entities.ticketType.parse({ Items: items }).data,
    bundles: entities.bundle.parse({ Items: items }).data,
    seating: entities.seating.parse({ Items: items }).data[0] ?? null,
  };
}

const detailsReads = sharedReads<EventDetails>();

/**
 * loadEventDetails, shared among the concurrent orders of one event
 * (packages/core/cache/shared-read.ts): in a flash sale every buyer would
 * otherwise send the same Query, each waiting its turn on a busy table.
 * Callers must not modify what it returns.
 */
export function sharedEventDetails(eventId: string): Promise<EventDetails> {
  return detailsReads(eventId, () => loadEventDetails(eventId));
}
