import { DynamoDBClient, QueryCommand, type AttributeValue } from '@aws-sdk/client-dynamodb';
import { apiClient, type Api } from '../orders/api.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { itemSize } from '../orders/item-size.ts';
import { startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { givenBusyContact } from '../timeline/seed.ts';
import type { CrmTimelineData, ReadCapacity, ReadFigures, WalkFigures } from '../timeline/types.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderCrmTimeline } from './crm-timeline-render.ts';

export type { CrmTimelineData } from '../timeline/types.ts';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
/**
 * The authorizer's look-up of the caller (user record, custom role), cached
 * 30 s per instance: it lands on whichever read comes after the cache
 * expires, so it is left out of the timeline's figures and counted apart.
 */
const AUTH_ITEMS = new Set(['user', 'role', 'rolename']);
const isAuth = (c: CallRecord) => c.items.length > 0 && c.items.every((i) => AUTH_ITEMS.has(i));
const portOf = (url: string) => Number(new URL(url).port);

interface Page {
  items: Array<{ id: string; occurredAt: string }>;
  nextCursor: string | null;
}

function capacity(all: readonly CallRecord[], per: number): ReadCapacity {
  const calls = all.filter((c) => !isAuth(c));
  const auth = all.filter(isAuth);
  const byCommand: Record<string, { calls: number; units: number }> = {};
  for (const c of calls) {
    const entry = (byCommand[c.command] ??= { calls: 0, units: 0 });
    entry.calls += 1;
    entry.units += c.units;
  }
  for (const e of Object.values(byCommand)) {
    e.calls = roundTo(e.calls / per, 3);
    e.units = roundTo(e.units / per, 3);
  }
  const rcu = calls.filter((c) => READS.has(c.command)).reduce((s, c) => s + c.units, 0) / per;
  const authRcu = auth.reduce((s, c) => s + c.units, 0) / per;
  return { rcu: roundTo(rcu, 3), calls: roundTo(calls.length / per, 3), byCommand, auth: { calls: roundTo(auth.length / per, 3), rcu: roundTo(authRcu, 3) } };
}

async function page(api: Api, contactId: string, limit: number, cursor: string | null) {
  const query = new URLSearchParams({ limit: String(limit), ...(cursor ? { cursor } : {}) });
  const res = await api.call<Page>('GET', `/v1/contacts/${contactId}/timeline?${query}`);
  if (res.status !== 200) throw new Error(`timeline answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
  return res;
}

/** `reads` sequential GETs of the first page at `limit`; API-side calls only. */
async function firstPages(api: Api, meter: CapacityMeter, contactId: string, limit: number, reads: number): Promise<ReadFigures> {
  meter.take();
  const samples: number[] = [];
  let items = 0;
  for (let i = 0; i < reads; i++) {
    const res = await page(api, contactId, limit, null);
    samples.push(res.ms);
    items = res.body.items.length;
  }
  const calls = meter.take().filter((c) => c.origin === 'api');
  return { reads, itemsPerRead: items, latencyMs: percentiles(samples), capacity: capacity(calls, reads) };
}

/** `walks` reads of the whole timeline, page by page at `pageSize`. */
async function walks(api: Api, meter: CapacityMeter, contactId: string, pageSize: number, count: number): Promise<WalkFigures> {
  meter.take();
  const samples: number[] = [];
  let pages = 0;
  let items = 0;
  let ordered = true;
  for (let w = 0; w < count; w++) {
    const seen: Page['items'] = [];
    let cursor: string | null = null;
    let ms = 0;
    pages = 0;
    do {
      const res = await page(api, contactId, pageSize, cursor);
      ms += res.ms;
      pages += 1;
      seen.push(...res.body.items);
      cursor = res.body.nextCursor;
      if (pages > 1000) throw new Error('timeline: no end of pages');
    } while (cursor);
    samples.push(ms);
    items = seen.length;
    const times = seen.map((l) => l.occurredAt);
    ordered &&= new Set(seen.map((l) => l.id)).size === seen.length && times.every((t, i) => i === 0 || times[i - 1]! >= t);
  }
  const calls = meter.take().filter((c) => c.origin === 'api');
  return { walks: count, pageSize, pagesPerWalk: pages, itemsPerWalk: items, ordered, latencyMs: percentiles(samples), capacity: capacity(calls, count) };
}

/** Item sizes as DynamoDB counts them, read raw from the index (not metered: its own client). */
async function itemBytes(pk: string): Promise<{ mean: number; max: number }> {
  const client = new DynamoDBClient({});
  try {
    const sizes: number[] = [];
    let start: Record<string, AttributeValue> | undefined;
    do {
      const out = await client.send(
        new QueryCommand({
          TableName: process.env.TABLE_NAME,
          IndexName: 'gsi5',
          KeyConditionExpression: 'gsi5pk = :pk',
          ExpressionAttributeValues: { ':pk': { S: pk } },
          ExclusiveStartKey: start,
        }),
      );
      sizes.push(...(out.Items ?? []).map((i) => itemSize(i)));
      start = out.LastEvaluatedKey;
    } while (start);
    return { mean: Math.round(sizes.reduce((s, n) => s + n, 0) / Math.max(1, sizes.length)), max: Math.max(0, ...sizes) };
  } finally {
    client.destroy();
  }
}

export const crmTimelineSection: BenchSection<CrmTimelineData> = {
  name: 'crm-timeline',
  title: "CRM timeline: a contact's 200-line 360° history read first page, page of 100 and page by page (latency, RCU) (local stack)",
  async run(ctx) {
    const reads = intFromEnv('BENCH_TIMELINE_READS', 300);
    const walkCount = intFromEnv('BENCH_TIMELINE_WALKS', 25);
    const data: CrmTimelineData = {
      method: {
        history:
          'one contact, 200 lines made through the product: 25 free orders (order.paid → CRM consumer line), their 25 tickets scanned (ticket.checked_in lines), 50 interactions (occurredAt spread over 150 days), 50 notes, 50 tasks via the HTTP API',
        reads: `${reads} sequential GET /v1/contacts/{id}/timeline of the first page (default limit 25) and as many of ?limit=100, after 20 warm-up reads; then ${walkCount} walks of all pages at limit 25 and at 100 (admin token, in-process fetch)`,
        capacity:
          'ReturnConsumedCapacity on the process DocumentClient (bench/orders/capacity-meter.ts), API request path only, as DynamoDB Local reports it; per read, and per walk (= per 200 lines)',
        server: 'DynamoDB Local in memory, handlers and consumers in the bench process',
      },
      mix: {},
      lines: 0,
      itemBytes: null,
      firstPage: null,
      page100: null,
      walk25: null,
      walk100: null,
      targets: [],
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();
    progress('crm-timeline: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      // Imported only now: the service modules build their logger on import, after the stack silenced it.
      const { db } = await import('#packages/core/db/service.ts');
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));
      const settle = async () => {
        await stack.bus.drain();
        await stack.stripe.idle();
      };

      progress('crm-timeline: making a 200-line history (purchases, check-ins, interactions, notes, tasks)');
      const { contactId, mix } = await givenBusyContact(api, settle);
      await settle();
      data.mix = mix;
      const pk = String(db().collections.timeline({ contactId }).params().ExpressionAttributeValues[':pk']);
      data.itemBytes = await itemBytes(pk);

      progress('crm-timeline: warm-up');
      for (let i = 0; i < 20; i++) await page(api, contactId, 25, null);

      progress(`crm-timeline: ${reads} reads of the first page (25)`);
      data.firstPage = await firstPages(api, meter, contactId, 25, reads);
      progress(`  p50 ${data.firstPage.latencyMs?.p50} ms, p99 ${data.firstPage.latencyMs?.p99} ms, ${data.firstPage.capacity.rcu} RCU per read`);
      progress(`crm-timeline: ${reads} reads of one page of 100`);
      data.page100 = await firstPages(api, meter, contactId, 100, reads);
      progress(`  p50 ${data.page100.latencyMs?.p50} ms, p99 ${data.page100.latencyMs?.p99} ms, ${data.page100.capacity.rcu} RCU per read`);

      progress(`crm-timeline: ${walkCount} walks of every page at 25 and at 100`);
      data.walk25 = await walks(api, meter, contactId, 25, walkCount);
      data.walk100 = await walks(api, meter, contactId, 100, walkCount);
      data.lines = data.walk25.itemsPerWalk;
      progress(`  per 200 lines: ${data.walk25.capacity.rcu} RCU at 25 a page, ${data.walk100.capacity.rcu} RCU at 100 a page`);
    } catch (error) {
      errors.push((error as Error).message);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
      progress('crm-timeline: stopping the local stack');
      await stop();
    }

    const expected = Object.values(data.mix).reduce((s, n) => s + n, 0);
    const onlyQueries = [data.firstPage, data.page100].every((r) => r && r.capacity.calls === 1 && r.capacity.byCommand.Query?.calls === 1);
    // Budget: lines ≤ 1 KB, eventually consistent (0.5 RCU per 4 KB) → ≤ 12.5 RCU per 100 lines, ≤ 25 per 200.
    data.targets = [
      {
        name: 'every line, newest first, none twice, at 25 and at 100 a page',
        ok: data.walk25 && data.walk100 ? data.walk25.ordered && data.walk100.ordered && data.walk25.itemsPerWalk === expected && data.walk100.itemsPerWalk === expected : null,
        detail: `${data.walk25?.itemsPerWalk ?? '—'} / ${data.walk100?.itemsPerWalk ?? '—'} of ${expected}`,
      },
      {
        name: 'a page is one Query, nothing else (the cached authorizer look-up aside)',
        ok: data.firstPage && data.page100 ? onlyQueries : null,
        detail: `${data.firstPage?.capacity.calls ?? '—'} / ${data.page100?.capacity.calls ?? '—'} calls per read`,
      },
      {
        name: '≤ 25 RCU per 200 lines (lines ≤ 1 KB, eventually consistent)',
        ok: data.walk25 && data.walk100 ? data.walk25.capacity.rcu <= 25 && data.walk100.capacity.rcu <= 25 : null,
        detail: `${data.walk25?.capacity.rcu ?? '—'} at 25 a page, ${data.walk100?.capacity.rcu ?? '—'} at 100`,
      },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderCrmTimeline,
};
