import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../lib/cleanup.ts';
import { progress } from '../lib/progress.ts';
import { describeExit, runChild } from '../lib/spawn.ts';
import { availability, countOrders, type Api, type SaleFixture } from './api.ts';
import type { CallRecord } from './capacity-meter.ts';
import type { RaceConfig, RaceOutput } from './race-types.ts';
import { percentiles, roundTo } from './stats.ts';
import type { Check, RaceData } from './types.ts';

const client = fileURLToPath(new URL('./race-client.ts', import.meta.url));

export interface RaceOptions {
  buyers: number;
  tickets: number;
  concurrency: number;
  idempotencyKey: boolean;
}

async function runClient(cleanup: Cleanup, root: string, config: RaceConfig): Promise<RaceOutput> {
  const finished = await runChild(cleanup, process.execPath, ['--import', 'tsx', client, JSON.stringify(config)], { cwd: root });
  if (finished.code !== 0) throw new Error(`race client ${describeExit(finished)}`);
  try {
    return JSON.parse(finished.stdout) as RaceOutput;
  } catch {
    throw new Error(`race client printed no JSON: ${finished.stdout.slice(0, 200)}`);
  }
}

/** The key an answer is counted under; a sold_out that only ran out of retries is told apart from a real one. */
function outcomeOf(status: number, code: string | null, detail: string | null): string {
  if (status === 201) return '201';
  if (code === 'sold_out' && detail && /selling fast|none could be held/i.test(detail)) return `${status} sold_out (retries exhausted)`;
  return `${status} ${code ?? '?'}`;
}

export async function runRace(
  cleanup: Cleanup,
  root: string,
  api: Api,
  sale: SaleFixture,
  options: RaceOptions,
  settle: () => Promise<void>,
  takeCalls: () => CallRecord[],
): Promise<RaceData> {
  const { buyers, tickets, concurrency, idempotencyKey } = options;
  progress(`orders: race — ${buyers} buyers for ${tickets} tickets, ${concurrency} at a time`);
  takeCalls();
  const out = await runClient(cleanup, root, { apiUrl: api.url, eventId: sale.eventId, ticketTypeId: sale.ticketTypeId, buyers, concurrency, idempotencyKey });
  await settle();
  const calls = takeCalls().filter((c) => c.origin === 'api');

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
  const isRead = (c: CallRecord) => ['GetItem', 'Query', 'Scan', 'BatchGetItem', 'TransactGetItems'].includes(c.command);

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
    capacity: {
      calls: calls.length,
      rcu: roundTo(calls.filter(isRead).reduce((s, c) => s + c.units, 0)),
      wcu: roundTo(calls.filter((c) => !isRead(c)).reduce((s, c) => s + c.units, 0)),
      failedCalls,
    },
  };
  progress(
    `  ${(out.wallMs / 1000).toFixed(1)} s, ${data.attemptedPerSecond} orders/s; ` +
      `${Object.entries(outcomes).map(([k, n]) => `${n}×${k}`).join(', ')}; oversold ${oversoldBy201}/${oversoldByAvailability}`,
  );
  return data;
}
