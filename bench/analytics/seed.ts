import { BatchWriteCommand } from '@aws-sdk/lib-dynamodb';
import { INTERVAL_MS, bucketStart, familyOf, valueAttribute, type Dimensions, type Interval } from '#packages/features/analytics/metrics.ts';
import { seriesOf } from '#packages/features/analytics/series.ts';
import { seededRandom } from '../lib/cold-start/traffic.ts';

/**
 * A year of `orders` for a series of events, pre-aggregated as the consumers
 * would have left it: each simulated order is added to every series it
 * belongs to (seriesOf, the consumers' own function; `orders` is one
 * attribute of the order family's items), at day grain for the
 * whole year, hour grain for the last 90 days and minute grain for the last
 * 2 days — the longest ranges a query of each interval may read; older hours
 * and minutes could never be read by a capped query, so they would change no
 * figure (a Query pays only for the items in its range).
 */
export interface SeedOptions {
  end: number;
  days: number;
  events: number;
  /** Chance of an order per minute for each event on sale. */
  rate: number;
  /** Days an event is on sale before it starts. */
  saleDays: number;
}

export interface SeedItem {
  series: string;
  bucketStart: string;
  dimValue: string;
  shard: number;
  value: number;
}

export interface Seeded {
  items: SeedItem[];
  orders: number;
  eventIds: string[];
  byInterval: Record<Interval, number>;
}

const CHANNELS = ['direct', 'utm', 'promoter', 'campaign'] as const;
const SOURCES = ['instagram', 'google', 'newsletter', 'tiktok', 'partner'] as const;


export function eventIdOf(i: number): string {
  return `01JDBENCHANALYTICS${String(i).padStart(8, '0')}`;
}

export function seedYear(o: SeedOptions): Seeded {
  const rand = seededRandom(20261201);
  const start = o.end - o.days * INTERVAL_MS.day;
  const windows: Record<Interval, number> = { day: start, hour: o.end - 90 * INTERVAL_MS.day, minute: o.end - 2 * INTERVAL_MS.day };
  const eventIds = Array.from({ length: o.events }, (_, i) => eventIdOf(i));
  const startsAt = eventIds.map((_, i) => start + ((i + 0.5) * (o.end - start)) / o.events + o.saleDays * INTERVAL_MS.day * 0.5);
  const sums = new Map<string, SeedItem>();
  let orders = 0;
  for (let t = start; t < o.end; t += INTERVAL_MS.minute) {
    for (let e = 0; e < o.events; e++) {
      const s = startsAt[e]!;
      if (t >= s || t < s - o.saleDays * INTERVAL_MS.day || rand() >= o.rate) continue;
      orders++;
      const channel = CHANNELS[Math.floor(rand() * CHANNELS.length)]!;
      const dims: Dimensions = { event: eventIds[e]!, channel, ...(channel === 'utm' ? { utmSource: SOURCES[Math.floor(rand() * SOURCES.length)]! } : {}) };
      for (const target of seriesOf(familyOf('orders'), dims)) {
        if (t < windows[target.interval]) continue;
        const bucket = bucketStart(t, target.interval);
        const key = `${target.series}#${bucket}#${target.dimValue}`;
        const item = sums.get(key);
        if (item) item.value += 1;
        else sums.set(key, { series: target.series, bucketStart: bucket, dimValue: target.dimValue, shard: 0, value: 1 });
      }
    }
  }
  const items = [...sums.values()];
  const byInterval: Record<Interval, number> = { minute: 0, hour: 0, day: 0 };
  for (const item of items) byInterval[item.series.split('|')[1] as Interval]++;
  return { items, orders, eventIds, byInterval };
}

/** The series of the seeded `orders` grouped by event at day grain (the bench sizes its items). */
export const SEEDED_DAY_BY_EVENT = `${familyOf('orders')}|day|*|event`;

/** What each seeded order adds besides itself: the order family's items hold all three (an order of one ticket). */
const PRICE = 2500;

/**
 * Writes the seeded items (BatchWriteItem, 4 batches in flight) as the
 * consumers leave them (analytics/bucket-update.ts): the key, and the sums of
 * the order family — `orders`, the revenue in EUR and `tickets_sold` — so
 * items are the size queries read.
 */
export async function writeSeeded(items: readonly SeedItem[]): Promise<void> {
  const { db } = await import('#packages/core/db/service.ts');
  const { documentClient, tableName } = await import('#packages/core/db/client.ts');
  const entity = db().entities.metricBucket;
  const batches: Array<Array<Record<string, unknown>>> = [];
  for (let i = 0; i < items.length; i += 25) {
    batches.push(
      items.slice(i, i + 25).map(({ value, ...key }) => {
        const { pk, sk } = entity.put(key).params().Item as { pk: string; sk: string };
        return { pk, sk, [valueAttribute('orders')]: value, [valueAttribute('revenue:EUR')]: value * PRICE, [valueAttribute('tickets_sold')]: value };
      }),
    );
  }
  const worker = async () => {
    for (let batch = batches.pop(); batch; batch = batches.pop()) {
      let requests = batch.map((Item) => ({ PutRequest: { Item } }));
      for (let failures = 0; requests.length; ) {
        try {
          const out = await documentClient.send(new BatchWriteCommand({ RequestItems: { [tableName()]: requests } }));
          requests = (out.UnprocessedItems?.[tableName()] ?? []) as typeof requests;
        } catch (error) {
          // Puts of whole items: sending a batch again (after a timeout on a loaded machine) writes the same.
          if (++failures > 5) throw error;
        }
      }
    }
  };
  await Promise.all([worker(), worker(), worker(), worker()]);
}
