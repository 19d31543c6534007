import { QueryCommand, type QueryCommandOutput } from '@aws-sdk/lib-dynamodb';
import { invalid } from '#packages/core/errors.ts';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import {
  bucketStart,
  familyOf,
  INTERVAL_MS,
  MAX_RANGE_MS,
  metricKey,
  MONEY_METRICS,
  type Dimension,
  type FilterDimension,
  type Interval,
  type Metric,
  valueAttribute,
} from './metrics.ts';
import { bucketOfSortKey } from './bucket-update.ts';
import { cleanDimensions, seriesName, UNGROUPED } from './series.ts';

export interface MetricQuery {
  metric: Metric;
  /** Money metrics only (required for them): ISO 4217. */
  currency?: string;
  /** Inclusive; floored to the interval. */
  from: string;
  /** Exclusive: buckets starting before it. */
  to: string;
  interval: Interval;
  groupBy?: Dimension;
  /** At most one filter (a series is scoped to one value). */
  filters?: Partial<Record<FilterDimension, string>>;
}

export interface MetricSeries {
  /** The grouped dimension's value; null for an ungrouped query. */
  key: string | null;
  total: number;
  /** Non-empty buckets, oldest first. */
  points: Array<{ t: string; value: number }>;
}

export interface MetricResult {
  metric: Metric;
  currency: string | null;
  interval: Interval;
  from: string;
  to: string;
  groupBy: Dimension | null;
  filters: Partial<Record<FilterDimension, string>>;
  total: number;
  /** Largest total first. */
  series: MetricSeries[];
  /** Aggregate items the query read (what its RCU is made of, docs/access-patterns.md). */
  itemsRead: number;
}

function checked(q: MetricQuery): { from: string; to: string; filter?: { dimension: FilterDimension; value: string } } {
  const fromMs = Date.parse(q.from);
  const toMs = Date.parse(q.to);
  if (!(fromMs < toMs)) throw invalid('invalid_range', '`to` must be after `from`', { from: q.from, to: q.to });
  if (toMs - fromMs > MAX_RANGE_MS[q.interval]) {
    const days = MAX_RANGE_MS[q.interval] / INTERVAL_MS.day;
    throw invalid('range_too_long', `a ${q.interval} query spans at most ${days} days: narrow it or use a longer interval`, {
      interval: q.interval,
      maxDays: days,
    });
  }
  const isMoney = MONEY_METRICS.includes(q.metric);
  if (isMoney && !q.currency) throw invalid('currency_required', `${q.metric} is money: name the currency (currency=EUR)`, { metric: q.metric });
  if (!isMoney && q.currency) throw invalid('currency_not_applicable', `${q.metric} is not money: leave out currency`, { metric: q.metric });
  const filters = Object.entries(q.filters ?? {}).filter(([, v]) => v !== undefined) as Array<[FilterDimension, string]>;
  if (filters.length > 1) throw invalid('one_filter', 'filter on one dimension at a time', { filters: filters.map(([d]) => d) });
  // Values as the writers stored them (cleanDimensions), so a filter names the series they wrote.
  const filter = filters[0] ? { dimension: filters[0][0], value: cleanDimensions({ [filters[0][0]]: filters[0][1] })[filters[0][0]] ?? '' } : undefined;
  if (filter && q.groupBy === filter.dimension) throw invalid('group_by_filtered', `groupBy ${q.groupBy} while filtering on it is one value`, {});
  return { from: bucketStart(fromMs, q.interval), to: new Date(toMs).toISOString(), filter };
}

interface BucketRead {
  bucketStart: string;
  dimValue: string;
  value: number | undefined;
}

/**
 * The bucket items of one series from `from` to `to`: ElectroDB's key
 * condition, run on the DocumentClient because the items hold only their
 * key and sums (bucket-update.ts), projected to the key and this metric's sum.
 */
async function readBuckets(series: string, from: string, to: string, attribute: string): Promise<BucketRead[]> {
  const params = db().entities.metricBucket.query.bySeries({ series }).between({ bucketStart: from }, { bucketStart: to }).params();
  const items: BucketRead[] = [];
  let start: QueryCommandOutput['LastEvaluatedKey'];
  do {
    const page: QueryCommandOutput = await documentClient.send(
      new QueryCommand({
        TableName: params.TableName,
        KeyConditionExpression: params.KeyConditionExpression,
        ExpressionAttributeNames: { ...params.ExpressionAttributeNames, '#k': 'sk', '#v': attribute },
        ExpressionAttributeValues: params.ExpressionAttributeValues,
        ProjectionExpression: '#k, #v',
        ...(start ? { ExclusiveStartKey: start } : {}),
      }),
    );
    for (const item of page.Items ?? []) items.push({ ...bucketOfSortKey(String(item.sk)), value: item[attribute] });
    start = page.LastEvaluatedKey;
  } while (start);
  return items;
}

/**
 * A metric over a time range: one Query of one series, from the first
 * bucket to `to` (exclusive), reading every grouped value and slice of each
 * bucket, so what it reads is bounded by buckets × values × slices whatever
 * the number of points; eventually consistent (the consumers trail anyway).
 * An order's metrics share their items (familyOf): a bucket where only
 * another of them moved (a refund's) is read and holds nothing for this one.
 */
export async function queryMetric(q: MetricQuery): Promise<MetricResult> {
  const { from, to, filter } = checked(q);
  const key = metricKey(q.metric, q.currency);
  const series = seriesName(familyOf(q.metric), q.interval, filter, q.groupBy);
  // The upper bound is the bare bucket prefix of `to`: items of that bucket sort after it, so it is excluded.
  const items = { data: await readBuckets(series, from, to, valueAttribute(key)) };
  const byKey = new Map<string, Map<string, number>>();
  for (const item of items.data) {
    if (item.bucketStart >= to) continue;
    let points = byKey.get(item.dimValue);
    if (!points) byKey.set(item.dimValue, (points = new Map()));
    points.set(item.bucketStart, (points.get(item.bucketStart) ?? 0) + (item.value ?? 0));
  }
  const out: MetricSeries[] = [...byKey].map(([key, points]) => {
    const sorted = [...points].filter(([, v]) => v !== 0).sort(([a], [b]) => (a < b ? -1 : 1));
    return {
      key: key === UNGROUPED && !q.groupBy ? null : key,
      total: sorted.reduce((sum, [, v]) => sum + v, 0),
      points: sorted.map(([t, value]) => ({ t, value })),
    };
  });
  out.sort((a, b) => b.total - a.total || String(a.key).localeCompare(String(b.key)));
  return {
    metric: q.metric,
    currency: q.currency ?? null,
    interval: q.interval,
    from,
    to,
    groupBy: q.groupBy ?? null,
    filters: filter ? { [filter.dimension]: filter.value } : {},
    total: out.reduce((sum, s) => sum + s.total, 0),
    series: out.filter((s) => s.points.length > 0 || !q.groupBy),
    itemsRead: items.data.length,
  };
}
