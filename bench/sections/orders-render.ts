import { passFail, table, type Cell } from '../lib/markdown.ts';
import type { CapacityData, CommandUnits, OperationCapacity, OrdersData, RaceData, TraceRow } from '../orders/types.ts';
import type { Percentiles } from '../orders/stats.ts';
import { CPU_HEADERS, cpuRow } from '../lib/cpu-table.ts';

const COMMANDS = ['GetItem', 'Query', 'BatchGetItem', 'TransactWriteItems', 'PutItem', 'UpdateItem', 'DeleteItem'];
const num = (n: number | undefined, digits = 1) => (n === undefined ? undefined : Number.isInteger(n) ? String(n) : n.toFixed(digits));

function latencyRow(name: string, p: Percentiles | null): Cell[] {
  return [name, p?.count ?? 0, p?.p50, p?.p90, p?.p99, p?.max, p?.mean];
}

const answers = (outcomes: Record<string, number>) =>
  Object.entries(outcomes)
    .sort(([, a], [, b]) => b - a)
    .map(([k, n]) => `${n} × \`${k}\``)
    .join(', ');

function renderRace(d: OrdersData, r: RaceData): string {
  const f = d.floor;
  const w = d.raceWarmUp;
  const failed = (x: RaceData) => Object.entries(x.capacity?.failedCalls ?? {}).map(([k, n]) => `${n} × ${k}`);
  const lines = [
    '### Order race',
    '',
    `${r.buyers} buyers for ${r.tickets} tickets: one ticket type of capacity ${r.tickets} (one inventory slice per 500 seats), ` +
      `each buyer one \`POST /v1/events/{id}/orders\` for 1 ticket (anonymous${r.idempotencyKey ? ', its own random Idempotency-Key' : ''}), ` +
      `${r.concurrency} in flight at a time. Targets: nothing oversold; p99 of the answers ≤ 3 × p99 of the floor (bare transactions of the same shape, same run).`,
    '',
    table(
      ['Buyers', 'Tickets', 'Concurrency', 'Wall (s)', 'Attempted orders/s', '201', '409 sold_out', 'Other', 'Oversold (201s − tickets)', 'Oversold (sold + held − capacity)'],
      [[r.buyers, r.tickets, r.concurrency, (r.wallMs / 1000).toFixed(1), r.attemptedPerSecond.toFixed(1), r.created, r.soldOut, r.other, r.oversoldBy201, r.oversoldByAvailability]],
      ['r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
    '',
    `Answers: ${answers(r.outcomes)}. After the race: capacity ${r.availability.capacity}, sold ${r.availability.sold}, held ${r.availability.held}, ` +
      `available ${r.availability.available}; ${r.pendingOrders} pending orders listed.` +
      (r.unsoldWhileRefused > 0 ? ` **${r.unsoldWhileRefused} seat(s) were still available although buyers had been told sold_out.**` : ''),
    '',
    table(['Latency (ms)', 'Requests', 'p50', 'p90', 'p99', 'max', 'mean'], [
      latencyRow('race: all answers', r.latencyMs.all),
      latencyRow('race: 201 (order created)', r.latencyMs.created),
      latencyRow('race: 409 (refused)', r.latencyMs.refused),
      latencyRow('floor: every transaction', f?.latencyMs.all ?? null),
      latencyRow('floor: committed', f?.latencyMs.committed ?? null),
    ], ['l', 'r', 'r', 'r', 'r', 'r', 'r']),
    '',
    `Throughput: race ${r.attemptedPerSecond} orders/s over ${(r.wallMs / 1000).toFixed(1)} s; ` +
      (f ? `floor ${f.perSecond} transactions/s over ${(f.wallMs / 1000).toFixed(1)} s. ` : 'floor not measured. ') +
      `**p99 ratio race / floor: ${d.ratioP99 ?? '—'}** (target ≤ 3).`,
    '',
  ];
  if (f) {
    lines.push(
      `Floor: ${f.ops} transactions of ${f.items.min === f.items.max ? f.items.min : `${f.items.min}–${f.items.max}`} items (${f.items.first.join(', ')}), ` +
        `${f.concurrency} in flight; outcomes ${answers(f.outcomes)}.`,
      '',
    );
  }
  lines.push(
    table(CPU_HEADERS, [cpuRow('race (API, whole local stack)', r.buyers, r.wallMs, r.cpu), ...(f ? [cpuRow('floor (bare transactions)', f.ops, f.wallMs, f.cpu)] : [])], ['l', 'r', 'r', 'r', 'r', 'r']),
    '',
    table(['Target', 'Result', 'Detail'], d.targets.map((c) => [c.name, passFail(c.ok), c.detail])),
    '',
  );
  if (w) {
    lines.push(
      `Warm-up race (same shape, its own sale, metered, latency not compared): ${answers(w.outcomes)}, p99 ${w.latencyMs.all?.p99 ?? '—'} ms, ${w.attemptedPerSecond} orders/s. ` +
        (w.capacity
          ? `DynamoDB during it (API requests, as DynamoDB Local reports it — it under-reports transactions, see below): ${w.capacity.calls} calls, ${w.capacity.rcu} RCU, ${w.capacity.wcu} WCU ` +
            `(${(w.capacity.calls / w.buyers).toFixed(1)} calls, ${(w.capacity.rcu / w.buyers).toFixed(1)} RCU + ${(w.capacity.wcu / w.buyers).toFixed(1)} WCU per attempt). ` +
            (failed(w).length ? `Failed calls (no capacity reported for them; DynamoDB would bill them): ${failed(w).join(', ')}.` : 'No call failed.')
          : ''),
    );
  }
  return lines.join('\n').trimEnd();
}

const cell = (u: CommandUnits | undefined): string | undefined =>
  u === undefined ? undefined : `${num(u.units, 2)} / ${num(u.billed, 2)} (${num(u.calls, 2)})`;

function commandRows(ops: OperationCapacity[], extra: string[]): Cell[][] {
  const rows: Cell[][] = [];
  for (const op of ops) {
    rows.push([`${op.label} (${op.sale})`, ...COMMANDS.map((c) => cell(op.byCommand[c])), ...extra.map((c) => cell(op.byCommand[c]))]);
    if (op.consumers) {
      rows.push(['↳ the consumers it triggered', ...COMMANDS.map((c) => cell(op.consumersByCommand[c])), ...extra.map((c) => cell(op.consumersByCommand[c]))]);
    }
  }
  return rows;
}

function traceTable(op: OperationCapacity): string {
  const rows = (op.trace ?? []).map((t: TraceRow, i) => [
    i + 1,
    t.origin === 'api' ? 'request' : t.origin,
    t.command,
    t.items,
    num(t.units, 1),
    num(t.indexUnits, 1),
    t.billedIndexes ? `${num(t.billed, 1)} (GSI ${num(t.billedIndexes, 1)})` : num(t.billed, 1),
    t.returned,
    t.error,
  ]);
  return [
    `**${op.label}, ${op.sale} event** (${op.route}; last repetition, calls in completion order):`,
    '',
    table(['#', 'By', 'Operation', 'Items (ElectroDB entity)', 'CU (Local)', 'of which GSI', 'Billed ≈ (of which GSI)', 'Items returned', 'Error'], rows, ['r', 'l', 'l', 'l', 'r', 'r', 'r', 'r', 'l']),
  ].join('\n');
}

function renderCapacity(c: CapacityData): string {
  const rep = c.localReporting;
  const pools = c.sales.map((s) => `${s.name}: ${s.pools.map((p) => `${p.pool} ${p.capacity} seats in ${p.shards} slice(s)`).join(' + ')}`).join('; ');
  const extra = [...new Set(c.operations.flatMap((o) => [...Object.keys(o.byCommand), ...Object.keys(o.consumersByCommand)]))].filter((k) => !COMMANDS.includes(k));
  const summary = c.operations.map((o) => [
    `${o.label} (${o.sale})`,
    num(o.request.calls, 2),
    num(o.request.rcu, 2),
    num(o.request.wcu, 2),
    num(o.request.wcuIndexes, 2),
    num(o.billed.rcu, 2),
    num(o.billed.wcu, 2),
    o.consumers ? `${num(o.consumers.rcu, 2)} / ${num(o.consumers.wcu, 2)} (billed ≈ ${num(o.consumers.billed.rcu, 2)} / ${num(o.consumers.billed.wcu, 2)})` : '—',
    o.failedCalls || 0,
  ]);
  const traced = c.operations.filter((o) => o.trace?.length);
  return [
    '### Consumed capacity per operation',
    '',
    `Sequential requests (nothing else in flight), each operation ${c.repetitions}× per event; figures are means per operation. ` +
      `Two published events with one ticket type each and a total capacity, so an order takes seats from two pools — ${pools}. ` +
      'Orders send their own random Idempotency-Key unless noted (the middleware then adds a conditional put and an update). ' +
      '"Consumers after" is what the bus consumers of the events the operation emitted did afterwards, asynchronously ' +
      '(order.paid: confirmation mail, CRM purchase); it is not part of the request.',
    '',
    `**How DynamoDB Local reports**, measured this run: a ~1 KB PutItem ${rep.putItem1KB} WCU; the same put alone in TransactWriteItems ` +
      `${rep.transactPut1KB} WCU; four ~100-byte puts in one TransactWriteItems ${rep.transactFourSmall} WCU (DynamoDB bills 2 per item-KB, per item: 8). ` +
      (rep.transactionsAsBilled
        ? 'So its transaction figures are as DynamoDB bills them. '
        : '**So its TransactWriteItems figures are not what DynamoDB bills** (not counted per item), and the "billed ≈" columns compute every write from the ' +
          'items\' sizes instead (read before and after each write: the larger image per item, ×2 in a transaction; index entries put/deleted once each, ' +
          'an assumption for transactions). ') +
      `For standard writes that arithmetic matched Local's own figure in ${c.sizeModelCheck.matching} of ${c.sizeModelCheck.standardWrites} calls. ` +
      `A Query that finds nothing reports ${rep.emptyQuery} RCU, a GetItem that finds nothing ${rep.missingGetItem.eventual} (eventually consistent) / ` +
      `${rep.missingGetItem.consistent} (strongly). DynamoDB charges every read at least 0.5 / 1 (eventually / strongly consistent), found or not; ` +
      '"billed ≈" raises reads that found nothing to that (each BatchGetItem key too: Local reports them as 0). Calls that fail (canceled transactions, ' +
      'failed conditions) report nothing locally but are billed by DynamoDB; the sequential runs had none unless the last column says so.' +
      (c.unattributedCalls ? ` ${c.unattributedCalls} calls by the scheduled jobs fell in the measured windows and are excluded.` : ''),
    '',
    table(
      ['Operation (event)', 'Calls (request)', 'RCU (Local)', 'WCU (Local)', 'of which GSI WCU', 'Billed ≈ RCU', 'Billed ≈ WCU', 'Consumers after: RCU / WCU (Local)', 'Failed calls'],
      summary,
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'l', 'r'],
    ),
    '',
    'By DynamoDB operation (the request, then the consumers it triggered): capacity units as Local reports them / billed ≈ (calls), per operation.',
    '',
    table(['Operation (event)', ...COMMANDS, ...extra], commandRows(c.operations, extra), ['l', ...COMMANDS.map(() => 'r' as const), ...extra.map(() => 'r' as const)]),
    '',
    ...traced.flatMap((op) => [traceTable(op), '']),
  ]
    .join('\n')
    .trimEnd();
}

export function renderOrders(data: OrdersData): string {
  return [
    `Method: ${Object.entries(data.method).map(([k, v]) => `${k}: ${v}`).join('; ')}. ` +
      'DynamoDB Local is neither AWS\'s latency nor its throttling: compare runs on the same machine.',
    '',
    data.race ? renderRace(data, data.race) : '### Order race\n\nNot measured (see errors).',
    '',
    data.capacity ? renderCapacity(data.capacity) : '### Consumed capacity per operation\n\nNot measured (see errors).',
  ].join('\n');
}
