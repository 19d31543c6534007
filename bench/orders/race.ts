import { randomUUID } from 'node:crypto';
import type { Cleanup } from '../lib/cleanup.ts';
import { runBurst } from '../lib/burst.ts';
import type { CpuSpent } from '../lib/cpu.ts';
import { progress } from '../lib/progress.ts';
import { availability, countOrders, orderBody, type Api, type SaleFixture } from './api.ts';
import type { CallRecord } from './capacity-meter.ts';
import { percentiles, roundTo } from './stats.ts';
import type { Check, RaceData } from './types.ts';

export interface RaceOptions {
  buyers: number;
  tickets: number;
  concurrency: number;
  idempotencyKey: boolean;
}

/** What the section does around the burst: hold the bus and start its meters, then stop them and let the bus go. */
export interface RaceWindow {
  open(): void;
  /** The API's DynamoDB calls during the burst (none when unmetered) and the CPU spent. */
  close(): { calls: CallRecord[]; cpu: CpuSpent };
  settle(): Promise<void>;
}

/** The key an answer is counted under; a sold_out that only ran out of retries is told apart from a real one. */
function outcomeOf(status: number, code: string | null, detail: string | null): string {
  if (status === 201) return '201';
  if (code === 'sold_out' && detail && /selling fast|none could be held/i.test(detail)) return `${status} sold_out (retries exhausted)`;
  return `${status} ${code ?? '?'}`;
}

const READS = new Set(['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems']);

/**
 * N buyers, one POST /v1/events/{id}/orders each for one ticket (anonymous,
 * as the storefront), `concurrency` in flight, from bench/lib/burst-client.ts
 * in its own process; then what the API says was sold and held.
 */
export async function runRace(
  ctx: { root: string; tmpDir: string; cleanup: Cleanup },
  name: string,
  api: Api,
  sale: SaleFixture,
  options: RaceOptions,
  window: RaceWindow,
): Promise<RaceData> {
  const { buyers, tickets, concurrency, idempotencyKey } = options;
  const tag = `${name}-${Date.now().toString(36)}`;
  const requests = Array.from({ length: buyers }, (_, i) => ({
    method: 'POST',
    path: `/v1/events/${sale.eventId}/orders`,
    body: orderBody(sale.ticketTypeId, 1, `race-${tag}-${i}@example.com`),
    ...(idempotencyKey ? { headers: { 'idempotency-key': randomUUID() } } : {}),
  }));
  window.open();
  let out: Awaited<ReturnType<typeof runBurst>>;
  let closed: ReturnType<RaceWindow['close']>;
  try {
    out = await runBurst(ctx, `orders-${name}`, { apiUrl: api.url, token: null, concurrency, requests });
  } finally {
    closed = window.close();
  }
  await window.settle();
  return analyse(api, sale, options, out, closed);
}

async function analyse(
  api: Api,
  sale: SaleFixture,
  { buyers, tickets, concurrency, idempotencyKey }: RaceOptions,
  out: Awaited<ReturnType<typeof runBurst>>,
  { calls: all, cpu }: ReturnType<RaceWindow['close']>,
): Promise<RaceData> {
  const calls = all.filter((c) => c.origin === 'api');
  const outcomes: Record<string, number> = {};
  for (const [status, code, , detail] of out.samples) {
    const key = outcomeOf(status, code, detail);
    outcomes[key] = (outcomes[key] ?? 0) + 1;
  }
  const created = out.samples.filter(([s]) => s === 201).length;
  const soldOut = out.samples.filter(([s, c]) => s === 409 && c === 'sold_out').length;
  const after = await availability(api, sale.eventId);
  const counts = after.ticketTypes.find((t) => t.ticketTypeId === sale.ticketTypeId);
  if (!counts) throw new Error('availability has no row for the race ticket type');
  const { capacity, sold, held, available } = counts;
  const pendingOrders = await countOrders(api, sale.eventId, 'pending');

  const oversoldBy201 = Math.max(0, created - tickets);
  const oversoldByAvailability = Math.max(0, sold + held - capacity);
  const unsoldWhileRefused = soldOut > 0 ? available : 0;
  const checks: Check[] = [
    { name: 'oversold by 201s', ok: oversoldBy201 === 0, detail: `${created} orders created for ${tickets} tickets` },
    { name: 'oversold by availability', ok: oversoldByAvailability === 0, detail: `sold ${sold} + held ${held} vs capacity ${capacity}` },
    {
      name: 'seats add up',
      ok: capacity === tickets && sold + held + available === capacity && held + sold === created && pendingOrders === created,
      detail: `capacity ${capacity}, sold ${sold} + held ${held} + available ${available}; ${created} × 201, ${pendingOrders} pending orders listed`,
    },
  ];

  const failedCalls: Record<string, number> = {};
  for (const c of calls.filter((c) => c.error)) failedCalls[`${c.command} ${c.error}`] = (failedCalls[`${c.command} ${c.error}`] ?? 0) + 1;
  const isRead = (c: CallRecord) => READS.has(c.command);

  const data: RaceData = {
    buyers,
    tickets,
    concurrency,
    idempotencyKey,
    wallMs: Math.round(out.wallMs),
    attemptedPerSecond: roundTo((buyers / out.wallMs) * 1000),
    latencyMs: {
      all: percentiles(out.samples.map(([, , ms]) => ms)),
      created: percentiles(out.samples.filter(([s]) => s === 201).map(([, , ms]) => ms)),
      refused: percentiles(out.samples.filter(([s]) => s === 409).map(([, , ms]) => ms)),
    },
    outcomes,
    created,
    soldOut,
    other: buyers - created - soldOut,
    availability: { capacity, sold, held, available },
    pendingOrders,
    oversoldBy201,
    oversoldByAvailability,
    unsoldWhileRefused,
    checks,
    capacity: calls.length
      ? {
          calls: calls.length,
          rcu: roundTo(calls.filter(isRead).reduce((s, c) => s + c.units, 0)),
          wcu: roundTo(calls.filter((c) => !isRead(c)).reduce((s, c) => s + c.units, 0)),
          failedCalls,
        }
      : null,
    cpu,
  };
  progress(
    `  ${(out.wallMs / 1000).toFixed(1)} s, ${data.attemptedPerSecond} orders/s, p50 ${data.latencyMs.all?.p50} ms, p99 ${data.latencyMs.all?.p99} ms; ` +
      `${Object.entries(outcomes).map(([k, n]) => `${n}×${k}`).join(', ')}; oversold ${oversoldBy201}/${oversoldByAvailability}`,
  );
  return data;
}
