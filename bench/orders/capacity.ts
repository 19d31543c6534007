import { DeleteItemCommand, GetItemCommand, PutItemCommand, QueryCommand, TransactWriteItemsCommand, type ConsumedCapacity } from '@aws-sdk/client-dynamodb';
import { shardCount } from '#packages/features/inventory/pools.ts';
import { localDynamoClient } from '#packages/local/dynamodb-local.ts';
import { progress } from '../lib/progress.ts';
import { availability, givenSale, idempotencyHeader, orderBody, type Api, type OrderView, type SaleFixture } from './api.ts';
import { sumCapacity, type CallRecord } from './capacity-meter.ts';
import { percentiles, roundTo } from './stats.ts';
import type { CapacityData, CommandUnits, LocalReporting, OperationCapacity, PoolInfo, TraceRow, Units } from './types.ts';

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);
const TRANSACTIONS = new Set(['TransactWriteItems', 'TransactGetItems']);
const STANDARD_WRITES = new Set(['PutItem', 'UpdateItem', 'DeleteItem']);
const isRead = (c: CallRecord) => READS.has(c.command);

/**
 * Reference calls straight to DynamoDB Local (a client of their own, so the
 * meter does not see them): does it charge a transactional write double,
 * and what does it report for reads that find nothing?
 */
export async function probeLocalReporting(endpoint: string, table: string): Promise<LocalReporting> {
  const client = localDynamoClient(endpoint);
  const units = (c: ConsumedCapacity | ConsumedCapacity[] | undefined) => sumCapacity(c).units;
  // ≈ 930 bytes: one write unit, standard or transactional.
  const item = (pk: string) => ({ pk: { S: pk }, sk: { S: 'probe' }, filler: { S: 'x'.repeat(900) } });
  try {
    const put = await client.send(new PutItemCommand({ TableName: table, Item: item('bench#probe#put'), ReturnConsumedCapacity: 'INDEXES' }));
    const transact = await client.send(
      new TransactWriteItemsCommand({ TransactItems: [{ Put: { TableName: table, Item: item('bench#probe#transact') } }], ReturnConsumedCapacity: 'INDEXES' }),
    );
    const small = (i: number) => ({ pk: { S: `bench#probe#small#${i}` }, sk: { S: 'probe' }, filler: { S: 'x'.repeat(80) } });
    const four = await client.send(
      new TransactWriteItemsCommand({ TransactItems: [0, 1, 2, 3].map((i) => ({ Put: { TableName: table, Item: small(i) } })), ReturnConsumedCapacity: 'INDEXES' }),
    );
    const query = await client.send(
      new QueryCommand({
        TableName: table,
        KeyConditionExpression: 'pk = :pk',
        ExpressionAttributeValues: { ':pk': { S: 'bench#probe#nothing' } },
        ReturnConsumedCapacity: 'INDEXES',
      }),
    );
    const missing = (consistent: boolean) =>
      client.send(
        new GetItemCommand({ TableName: table, Key: { pk: { S: 'bench#probe#nothing' }, sk: { S: 'probe' } }, ConsistentRead: consistent, ReturnConsumedCapacity: 'INDEXES' }),
      );
    const [eventual, consistent] = [await missing(false), await missing(true)];
    for (const pk of ['bench#probe#put', 'bench#probe#transact', ...[0, 1, 2, 3].map((i) => `bench#probe#small#${i}`)]) {
      await client.send(new DeleteItemCommand({ TableName: table, Key: { pk: { S: pk }, sk: { S: 'probe' } } }));
    }
    const putItem1KB = units(put.ConsumedCapacity);
    const transactPut1KB = units(transact.ConsumedCapacity);
    const transactFourSmall = units(four.ConsumedCapacity);
    return {
      putItem1KB,
      transactPut1KB,
      transactFourSmall,
      transactionsAsBilled: transactPut1KB === 2 && transactFourSmall === 8,
      emptyQuery: units(query.ConsumedCapacity),
      missingGetItem: { eventual: units(eventual.ConsumedCapacity), consistent: units(consistent.ConsumedCapacity) },
    };
  } finally {
    client.destroy();
  }
}

/**
 * One call as DynamoDB bills it. Writes: from the items' sizes when the meter
 * sized them (item-size.ts), else Local's figure (with a transaction's table
 * units doubled if Local does not report transactions as billed). Reads:
 * Local's figure, plus DynamoDB's minimum (0.5 unit eventually consistent,
 * 1 strongly) for each item or query that found nothing, which Local reports as 0.
 */
export function billedUnits(c: CallRecord, reporting: LocalReporting): number {
  if (c.billedWrite) return c.billedWrite.table + c.billedWrite.indexes;
  if (!isRead(c)) return c.units + (TRANSACTIONS.has(c.command) && !reporting.transactionsAsBilled ? c.tableUnits : 0);
  if (c.error) return c.units;
  if (c.command === 'TransactGetItems') return c.units + (reporting.transactionsAsBilled ? 0 : c.tableUnits);
  const floor = c.consistent ? 1 : 0.5;
  if (c.command === 'BatchGetItem') return c.units + Math.max(0, (c.requested ?? 0) - (c.returned ?? 0)) * floor;
  return c.units === 0 ? floor : c.units;
}

function unitsOf(calls: CallRecord[], reps: number): Units {
  const sum = (f: (c: CallRecord) => number, read: boolean) => roundTo(calls.filter((c) => isRead(c) === read).reduce((s, c) => s + f(c), 0) / reps, 2);
  return {
    calls: roundTo(calls.length / reps, 2),
    rcu: sum((c) => c.units, true),
    wcu: sum((c) => c.units, false),
    rcuIndexes: sum((c) => c.indexUnits, true),
    wcuIndexes: sum((c) => c.indexUnits, false),
  };
}

function billedOf(calls: CallRecord[], reps: number, reporting: LocalReporting) {
  const sum = (read: boolean) => roundTo(calls.filter((c) => isRead(c) === read).reduce((s, c) => s + billedUnits(c, reporting), 0) / reps, 2);
  return { rcu: sum(true), wcu: sum(false) };
}

function byCommandOf(calls: CallRecord[], reps: number, reporting: LocalReporting): Record<string, CommandUnits> {
  const out: Record<string, CommandUnits> = {};
  for (const c of calls) {
    const row = (out[c.command] ??= { calls: 0, units: 0, indexUnits: 0, billed: 0 });
    row.calls += 1;
    row.units += c.units;
    row.indexUnits += c.indexUnits;
    row.billed += billedUnits(c, reporting);
  }
  for (const row of Object.values(out)) {
    row.calls = roundTo(row.calls / reps, 2);
    row.units = roundTo(row.units / reps, 2);
    row.indexUnits = roundTo(row.indexUnits / reps, 2);
    row.billed = roundTo(row.billed / reps, 2);
  }
  return out;
}

/** `['Put order', 'Update inventoryshard', 'Update inventoryshard']` → `Put order, Update inventoryshard ×2`. */
export function compressItems(items: readonly string[]): string {
  const counts = new Map<string, number>();
  for (const i of items) counts.set(i, (counts.get(i) ?? 0) + 1);
  return [...counts].map(([i, n]) => (n > 1 ? `${i} ×${n}` : i)).join(', ');
}

const traceOf = (calls: CallRecord[], reporting: LocalReporting): TraceRow[] =>
  calls.map((c) => ({
    origin: c.origin,
    command: c.command,
    items: compressItems(c.items),
    units: c.units,
    indexUnits: c.indexUnits,
    billed: billedUnits(c, reporting),
    billedIndexes: c.billedWrite ? c.billedWrite.indexes : c.indexUnits,
    ...(c.returned === undefined ? {} : { returned: c.returned }),
    ...(c.error ? { error: c.error } : {}),
  }));

interface OpSpec {
  key: string;
  label: string;
  route: string;
}

interface Collected {
  spec: OpSpec;
  sale: string;
  runs: CallRecord[][];
  latencies: number[];
}

export interface CapacityRun {
  api: Api;
  repetitions: number;
  reporting: LocalReporting;
  settle(): Promise<void>;
  takeCalls(): CallRecord[];
  stopping(): boolean;
}

const ops = {
  create1: { key: 'create-1', label: 'Create order, 1 ticket', route: 'POST /v1/events/{id}/orders' },
  create1NoKey: { key: 'create-1-no-key', label: 'Create order, 1 ticket, no Idempotency-Key', route: 'POST /v1/events/{id}/orders' },
  create4: { key: 'create-4', label: 'Create order, 4 tickets', route: 'POST /v1/events/{id}/orders' },
  confirm1: { key: 'confirm-1', label: 'Confirm payment, 1 ticket', route: 'POST /v1/webhooks/stripe (payment_intent.succeeded)' },
  confirm4: { key: 'confirm-4', label: 'Confirm payment, 4 tickets', route: 'POST /v1/webhooks/stripe (payment_intent.succeeded)' },
  availability: { key: 'availability', label: 'Availability', route: 'GET /v1/events/{id}/availability' },
} satisfies Record<string, OpSpec>;

/** The operations whose every call RESULTS.md lists. */
export const TRACED = new Set(['small/create-1', 'small/confirm-1']);

const SALES = [
  { name: 'small', capacity: 500, totalCapacity: 1000 },
  { name: 'large', capacity: 5000, totalCapacity: 10000 },
] as const;

export async function measureCapacity(run: CapacityRun): Promise<CapacityData> {
  const { api, repetitions, reporting } = run;
  const collected = new Map<string, Collected>();
  let unattributedCalls = 0;
  let buyer = 0;

  /** One operation alone: everything before it has settled, everything it caused (consumers included) has finished. */
  async function measure<T>(sale: string, spec: OpSpec, action: () => Promise<{ ms: number; value: T }>): Promise<T> {
    await run.settle();
    run.takeCalls();
    const { ms, value } = await action();
    await run.settle();
    const calls = run.takeCalls();
    unattributedCalls += calls.filter((c) => c.origin === 'other').length;
    const key = `${sale}/${spec.key}`;
    const entry = collected.get(key) ?? { spec, sale, runs: [], latencies: [] };
    entry.runs.push(calls.filter((c) => c.origin !== 'other'));
    entry.latencies.push(ms);
    collected.set(key, entry);
    return value;
  }

  const create = (sale: SaleFixture, quantity: number, withKey: boolean) => async () => {
    const res = await api.call<OrderView>('POST', `/v1/events/${sale.eventId}/orders`, {
      token: null,
      body: orderBody(sale.ticketTypeId, quantity, `capacity-${++buyer}-${Date.now().toString(36)}@example.com`),
      headers: withKey ? idempotencyHeader() : {},
    });
    if (res.status !== 201 || res.body.status !== 'pending' || !res.body.payment?.paymentIntentId) {
      throw new Error(`order (quantity ${quantity}) answered ${res.status}: ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return { ms: res.ms, value: res.body };
  };
  const pay = (order: OrderView) => async () => {
    const res = await api.call<{ delivered?: { status: number | null } }>('POST', `/dev/stripe/payment_intents/${order.payment!.paymentIntentId}/succeed`, {
      token: null,
    });
    if (res.status !== 200 || res.body.delivered?.status !== 200) {
      throw new Error(`paying order ${order.id}: ${res.status} ${JSON.stringify(res.body).slice(0, 300)}`);
    }
    return { ms: res.ms, value: undefined };
  };
  const assertPaid = async (order: OrderView) => {
    const res = await api.call<OrderView>('GET', `/v1/orders/${order.id}`);
    if (res.body.status !== 'paid') throw new Error(`order ${order.id} is ${res.body.status} after the webhook`);
  };

  const sales: CapacityData['sales'] = [];
  for (const s of SALES) {
    const sale = await givenSale(api, { name: `capacity ${s.name}`, capacity: s.capacity, totalCapacity: s.totalCapacity });
    const pools: PoolInfo[] = [
      { pool: 'ticket type', capacity: s.capacity, shards: shardCount(s.capacity) },
      { pool: 'event total', capacity: s.totalCapacity, shards: shardCount(s.totalCapacity) },
    ];
    sales.push({ name: s.name, pools });
    progress(`orders: capacity — ${s.name} event (${pools.map((p) => `${p.pool} ${p.capacity} in ${p.shards} slice(s)`).join(', ')}), ${repetitions} repetitions`);
    for (let rep = 0; rep < repetitions && !run.stopping(); rep++) {
      const one = await measure(s.name, ops.create1, create(sale, 1, true));
      await measure(s.name, ops.confirm1, pay(one));
      const four = await measure(s.name, ops.create4, create(sale, 4, true));
      await measure(s.name, ops.confirm4, pay(four));
      await measure(s.name, ops.availability, async () => {
        const started = performance.now();
        await availability(api, sale.eventId);
        return { ms: performance.now() - started, value: undefined };
      });
      if (s.name === 'small') await measure(s.name, ops.create1NoKey, create(sale, 1, false));
      if (rep === 0) await Promise.all([assertPaid(one), assertPaid(four)]);
    }
  }

  const operations: OperationCapacity[] = [...collected.values()].map(({ spec, sale, runs, latencies }) => {
    const reps = runs.length;
    const all = runs.flat();
    const request = all.filter((c) => c.origin === 'api');
    const consumers = all.filter((c) => c.origin === 'consumer');
    return {
      key: spec.key,
      label: spec.label,
      route: spec.route,
      sale,
      repetitions: reps,
      latencyMs: percentiles(latencies),
      request: unitsOf(request, reps),
      byCommand: byCommandOf(request, reps, reporting),
      billed: billedOf(request, reps, reporting),
      consumers: consumers.length ? { ...unitsOf(consumers, reps), billed: billedOf(consumers, reps, reporting) } : null,
      consumersByCommand: byCommandOf(consumers, reps, reporting),
      failedCalls: roundTo(all.filter((c) => c.error).length / reps, 2),
      ...(TRACED.has(`${sale}/${spec.key}`) ? { trace: traceOf(runs[runs.length - 1] ?? [], reporting) } : {}),
    };
  });
  const standard = [...collected.values()].flatMap((e) => e.runs.flat()).filter((c) => STANDARD_WRITES.has(c.command) && c.billedWrite && !c.error);
  const sizeModelCheck = {
    standardWrites: standard.length,
    matching: standard.filter((c) => c.billedWrite!.table + c.billedWrite!.indexes === c.units).length,
  };
  return { repetitions, sales, localReporting: reporting, operations, unattributedCalls, sizeModelCheck };
}
