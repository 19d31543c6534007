import { DynamoDBClient, QueryCommand } from '@aws-sdk/client-dynamodb';
import { apiClient, type Api } from '../orders/api.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { itemSize } from '../orders/item-size.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { eventIdOf, seedYear, SEEDED_DAY_BY_EVENT, writeSeeded } from '../analytics/seed.ts';
import type { AnalyticsData, QueryCase, QueryFigures } from '../analytics/types.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderAnalytics } from './analytics-render.ts';
import { runLtvHalf } from './analytics-ltv.ts';
import { pushSlice } from '../analytics/slice.ts';

export type { AnalyticsData } from '../analytics/types.ts';

const DAY = 86_400_000;
const END = Date.parse('2026-12-01T00:00:00.000Z');
const portOf = (url: string) => Number(new URL(url).port);
const AUTH_ITEMS = new Set(['user', 'role', 'rolename']);
const isAuth = (c: CallRecord) => c.items.length > 0 && c.items.every((i) => AUTH_ITEMS.has(i));

function cases(days: number, busyEvent: string): QueryCase[] {
  const iso = (ms: number) => new Date(ms).toISOString();
  const year = { from: iso(END - Math.min(days, 365) * DAY), to: iso(END), interval: 'day' };
  const quarter = { from: iso(END - Math.min(days, 90) * DAY), to: iso(END), interval: 'hour' };
  const twoDays = { from: iso(END - 2 * DAY), to: iso(END), interval: 'minute' };
  return [
    { name: 'day × year, total', params: { ...year } },
    { name: 'day × year, groupBy event', params: { ...year, groupBy: 'event' } },
    { name: 'day × year, event=…, groupBy channel', params: { ...year, event: busyEvent, groupBy: 'channel' } },
    { name: 'hour × 90 days, total', params: { ...quarter } },
    { name: 'hour × 90 days, groupBy channel', params: { ...quarter, groupBy: 'channel' } },
    { name: 'hour × 90 days, event=…, groupBy utmSource', params: { ...quarter, event: busyEvent, groupBy: 'utmSource' } },
    { name: 'minute × 2 days, total', params: { ...twoDays } },
    { name: 'minute × 2 days, groupBy event', params: { ...twoDays, groupBy: 'event' } },
    { name: 'minute × 2 days, event=…', params: { ...twoDays, event: busyEvent } },
  ];
}

async function measure(api: Api, meter: CapacityMeter, c: QueryCase, reads: number): Promise<QueryFigures> {
  const query = new URLSearchParams({ metric: 'orders', ...c.params }).toString();
  for (let i = 0; i < 3; i++) await api.call('GET', `/v1/analytics?${query}`);
  meter.take();
  const samples: number[] = [];
  let body: { itemsRead: number; series: unknown[] } | null = null;
  for (let i = 0; i < reads; i++) {
    const res = await api.call<{ itemsRead: number; series: unknown[] }>('GET', `/v1/analytics?${query}`);
    if (res.status !== 200) throw new Error(`${c.name}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    samples.push(res.ms);
    body = res.body;
  }
  const calls = meter.take().filter((r) => r.origin === 'api' && !isAuth(r));
  const queries = calls.filter((r) => r.command === 'Query');
  return {
    name: c.name,
    query,
    reads,
    itemsRead: body?.itemsRead ?? 0,
    series: body?.series.length ?? 0,
    latencyMs: percentiles(samples),
    rcu: roundTo(queries.reduce((s, r) => s + r.units, 0) / reads, 2),
    queryCalls: roundTo(queries.length / reads, 2),
  };
}

async function itemBytes(series: string): Promise<{ mean: number; max: number }> {
  const { db } = await import('#packages/core/db/service.ts');
  const pk = String(db().entities.metricBucket.query.bySeries({ series }).params().ExpressionAttributeValues[':pk']);
  const client = new DynamoDBClient({});
  try {
    const out = await client.send(new QueryCommand({ TableName: process.env.TABLE_NAME, KeyConditionExpression: 'pk = :pk', ExpressionAttributeValues: { ':pk': { S: pk } }, Limit: 500 }));
    const sizes = (out.Items ?? []).map((i) => itemSize(i));
    return { mean: Math.round(sizes.reduce((s, n) => s + n, 0) / Math.max(1, sizes.length)), max: Math.max(0, ...sizes) };
  } finally {
    client.destroy();
  }
}

export const analyticsSection: BenchSection<AnalyticsData> = {
  name: 'analytics',
  title: 'Analytics: a year of metrics for 50 events — GET /v1/analytics p99 and RCU per query by interval and groupBy; a slice through the consumers; the lifetime-value job over 100,000 contacts (local stack)',
  async run(ctx) {
    const days = intFromEnv('BENCH_ANALYTICS_DAYS', 365);
    const events = intFromEnv('BENCH_ANALYTICS_EVENTS', 50);
    const ratePermille = intFromEnv('BENCH_ANALYTICS_RATE_PERMILLE', 100);
    const reads = intFromEnv('BENCH_ANALYTICS_READS', 100);
    const sliceOrders = intFromEnv('BENCH_ANALYTICS_SLICE', 300);
    const data: AnalyticsData = {
      method: {
        data: `${events} events over ${days} days, each on sale for 60 days before it starts; every minute each event on sale sells an order with probability ${ratePermille / 1000} (channel one of 4, UTM source one of 5 for UTM orders); the \`orders\` metric's aggregates written directly (BatchWriteItem) as the consumers would leave them: day grain for the whole span, hour for the last 90 days, minute for the last 2 (the longest range each interval may query), one slice each`,
        slice: `${sliceOrders} order.paid events (3 ticket types, UTM on a third) pushed through the local bus into the analytics consumer on an event of their own, then 10 % of them published again: the minute/hour/day totals must count each once`,
        reads: `${reads} sequential GET /v1/analytics per case after 3 warm-ups (admin token, in-process fetch)`,
        capacity: 'ReturnConsumedCapacity on the process DocumentClient (bench/orders/capacity-meter.ts) as DynamoDB Local reports it, Queries of the request path only (the cached authorizer look-up aside)',
      },
      seeded: null,
      slice: null,
      queries: [],
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('analytics: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));

      progress('analytics: computing a year of aggregates');
      const seeded = seedYear({ end: END, days, events, rate: ratePermille / 1000, saleDays: 60 });
      progress(`  ${seeded.orders} orders → ${seeded.items.length} bucket items; writing them`);
      const started = performance.now();
      await writeSeeded(seeded.items);
      const seconds = roundTo((performance.now() - started) / 1000, 1);
      data.seeded = { orders: seeded.orders, items: seeded.items.length, byInterval: seeded.byInterval, seconds, itemBytes: await itemBytes(SEEDED_DAY_BY_EVENT) };
      progress(`  written in ${seconds} s`);

      progress(`analytics: ${sliceOrders} orders through the consumers`);
      data.slice = await pushSlice(stack, meter, api, sliceOrders, END);
      progress(`  ${data.slice.pointsPerSecond} points/s, ${data.slice.wcuPerOrder} WCU per order`);

      const busy = eventIdOf(Math.max(0, events - 1));
      for (const c of cases(days, busy)) {
        const figures = await measure(api, meter, c, reads);
        data.queries.push(figures);
        progress(`  ${c.name}: ${figures.itemsRead} items, p99 ${figures.latencyMs?.p99} ms, ${figures.rcu} RCU`);
      }
    } catch (error) {
      errors.push((error as Error).message);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
      progress('analytics: stopping the local stack');
      await stop();
    }
    progress('analytics: the lifetime-value half');
    const ltv = await runLtvHalf(ctx.cleanup).catch((error: Error) => ({ data: null, targetsMet: false, errors: [`lifetime value: ${error.message}`] }));
    data.ltv = ltv.data;
    errors.push(...ltv.errors);
    const worst = Math.max(0, ...data.queries.map((q) => q.rcu));
    data.targets = [
      { name: 'the slice through the consumers equals its orders, duplicates counted once', ok: data.slice ? data.slice.totalMatches && data.slice.duplicatesCountedOnce : null, detail: data.slice ? `${data.slice.orders} orders` : '—' },
      { name: 'each query is ONE Query (paged only past 1 MB)', ok: data.queries.length ? data.queries.every((q) => q.queryCalls >= 1 && q.queryCalls <= 3) : null, detail: data.queries.map((q) => q.queryCalls).join(' / ') },
      { name: '≤ 200 RCU per query at most (bounded by the range caps)', ok: data.queries.length ? worst <= 200 : null, detail: `${worst} RCU at most` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true) && ltv.targetsMet, errors };
  },
  render: renderAnalytics,
};
