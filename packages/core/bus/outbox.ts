import { logger } from '../logger.ts';
import { OUTBOX_SHARDS } from '../db/entities/outbox-event.ts';
import { db } from '../db/service.ts';
import type { TransactionEntities, TransactionItem } from '../db/transaction-types.ts';
import type { PendingEvent } from './pending-event.ts';
import { putOnBus, type BusEntry } from './publish.ts';

function shardOf(eventId: string): number {
  let hash = 0;
  for (const ch of eventId.slice(-6)) hash = (hash * 31 + ch.charCodeAt(0)) >>> 0;
  return hash % OUTBOX_SHARDS;
}

/** The outbox row to put in the same transaction as the change the event reports. */
export function outboxPut(entities: TransactionEntities, event: PendingEvent): TransactionItem {
  return entities.outboxEvent.create({ ...event, shard: shardOf(event.eventId) }).commit();
}

async function deleteRelayed(eventIds: readonly string[]): Promise<void> {
  await Promise.all(eventIds.map((eventId) => db().entities.outboxEvent.delete({ eventId }).go()));
}

/**
 * The relay's deletes, 25 to a BatchWriteItem (same WCU as single deletes,
 * far fewer calls). A row left undeleted is published again by a later run:
 * a duplicate, which consumers absorb (apply-once), never a loss.
 */
async function deleteRelayedInBatches(eventIds: readonly string[]): Promise<void> {
  let left = eventIds.map((eventId) => ({ eventId }));
  for (let attempt = 0; left.length && attempt < 3; attempt++) {
    const { unprocessed } = await db().entities.outboxEvent.delete(left).go();
    left = unprocessed.map(({ eventId }) => ({ eventId }));
  }
  if (left.length) logger.warn('outbox rows left after publishing; the next relay run publishes them again', { count: left.length });
}

/**
 * Publishes events whose transaction has committed. A failure here is logged,
 * not thrown: the change is already durable and the relay will publish later.
 */
export async function flushOutbox(events: readonly PendingEvent[]): Promise<void> {
  if (!events.length) return;
  try {
    await deleteRelayed(await putOnBus(events));
  } catch (error) {
    logger.warn('outbox flush failed; the relay will retry', { error: (error as Error).message, count: events.length });
  }
}

/**
 * When the events of a committed write go on the bus:
 * - `now` (default): right after the commit, from the request — PutEvents,
 *   then a DeleteItem of each row (2 WCU: the row and its `pending` index
 *   entry) — for events a consumer acts on promptly (mail, counters, CRM).
 * - `relay`: left in the outbox for the relay job, which publishes them
 *   within about two minutes (rows older than one minute, every minute), ten
 *   to a PutEvents and 25 deletes to a BatchWriteItem. The request makes no
 *   bus call and no delete; delivery is as at-least-once as for `now` (the
 *   row is in the same transaction as the change; it goes only once the bus
 *   accepted it). For events no consumer in events/routing.ts acts on within
 *   a request's time, e.g. `order.created` of a pending order.
 *
 * Why not a TTL'd row the flush leaves behind: the relay could not tell it
 * from a row whose flush failed, so it would publish every event twice (or
 * read a "published" marker per row — a write after the publish again, which
 * is what the delete already is).
 */
export type Publish = 'now' | 'relay';

/**
 * One DynamoDB transaction holding `items` and an outbox row per event; once
 * it commits, the events go on the bus (see `Publish`). Returns ElectroDB's
 * result, whose `canceled` the caller must check (ElectroDB does not throw on it).
 */
export async function transactWithEvents(
  items: (entities: TransactionEntities) => TransactionItem[],
  events: readonly PendingEvent[],
  publish: Publish = 'now',
) {
  const result = await db()
    .transaction.write((entities) => [...items(entities), ...events.map((e) => outboxPut(entities, e))])
    .go();
  if (!result.canceled && publish === 'now') await flushOutbox(events);
  return result;
}

async function relayShard(shard: number, before: string): Promise<number> {
  let relayed = 0;
  let cursor: string | null = null;
  do {
    const page: { data: BusEntry[]; cursor: string | null } = await db()
      .entities.outboxEvent.query.pending({ shard })
      .lt({ occurredAt: before })
      .go({ cursor, limit: 100 });
    const accepted = await putOnBus(page.data);
    await deleteRelayedInBatches(accepted);
    relayed += accepted.length;
    cursor = page.cursor;
  } while (cursor);
  return relayed;
}

/**
 * The relay job: publishes every outbox event older than `minAgeMs` (younger
 * ones may still be flushed by their request), the shards side by side. It
 * recovers what a request failed to publish and carries the `relay` events.
 */
export async function relayOutbox(minAgeMs = 60_000): Promise<number> {
  const before = new Date(Date.now() - minAgeMs).toISOString();
  const counts = await Promise.all(Array.from({ length: OUTBOX_SHARDS }, (_, shard) => relayShard(shard, before)));
  return counts.reduce((a, b) => a + b, 0);
}
