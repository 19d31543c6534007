import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { apiClient, type Api } from '../orders/api.ts';
import { CapacityMeter, type CallRecord } from '../orders/capacity-meter.ts';
import { BENCH_TABLE, startOrdersStack } from '../orders/stack.ts';
import { percentiles, roundTo } from '../orders/stats.ts';
import { measureFloor } from '../check-ins/floor.ts';
import type { CapacityPerScan, CheckInsData, ScanConfig, ScanOutput } from '../check-ins/types.ts';
import { capacityPerOperation } from '../lib/capacity-split.ts';
import { intFromEnv } from '../lib/env.ts';
import { givenFreeEvent, must } from '../lib/free-event.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { describeExit, runChild } from '../lib/spawn.ts';
import { renderCheckIns } from './check-ins-render.ts';

export type { CheckInsData } from '../check-ins/types.ts';

const client = fileURLToPath(new URL('../check-ins/scan-client.ts', import.meta.url));
const portOf = (url: string) => Number(new URL(url).port);

/** A published event with a free ticket type (free orders are paid at once) and `tickets` tickets sold; their codes. */
async function givenTickets(api: Api, tickets: number): Promise<{ eventId: string; codes: string[] }> {
  const { eventId, ticketTypeId } = await givenFreeEvent(api, 'check-ins', { capacity: tickets, maxPerOrder: 10 });
  const orders = Math.ceil(tickets / 10);
  const codes: string[] = [];
  let next = 0;
  await Promise.all(
    Array.from({ length: 10 }, async () => {
      while (next < orders) {
        const i = next++;
        const quantity = Math.min(10, tickets - i * 10);
        const order = await must<{ id: string; status: string }>(api, 201, 'POST', `/v1/events/${eventId}/orders`, {
          buyer: { email: `scan-${i}@bench.example.com`, firstName: 'Bench' },
          items: [{ ticketTypeId, quantity }],
        });
        if (order.status !== 'paid') throw new Error(`free order ${order.id} is ${order.status}`);
        const paid = await must<{ tickets?: Array<{ code: string }> }>(api, 200, 'GET', `/v1/orders/${order.id}`);
        codes.push(...(paid.tickets ?? []).map((t) => t.code));
      }
    }),
  );
  if (codes.length !== tickets) throw new Error(`${codes.length} ticket codes for ${tickets} tickets`);
  return { eventId, codes };
}

/** The shared split (bench/lib/capacity-split.ts), with the count named as the check-ins figures name it. */
function perScan(calls: CallRecord[], scans: number): CapacityPerScan {
  const { operations, ...shares } = capacityPerOperation(calls, scans);
  return { scans: operations, ...shares };
}

export const checkInsSection: BenchSection<CheckInsData> = {
  name: 'check-ins',
  title: 'Check-ins: scan latency and throughput at 100 scanners, vs a bare conditional write; capacity per scan (local stack)',
  async run(ctx) {
    const tickets = intFromEnv('BENCH_CHECKIN_TICKETS', 1000);
    const concurrency = intFromEnv('BENCH_CHECKIN_CONCURRENCY', 100);
    const warmUp = intFromEnv('BENCH_CHECKIN_WARMUP', Math.max(concurrency, Math.round(tickets / 2)));
    const data: CheckInsData = {
      method: {
        client:
          'scans: a separate Node process, one POST /v1/events/{id}/check-ins per distinct ticket (admin token), ' +
          'each scanner on its own keep-alive socket (node:http), opened before the clock starts',
        warmUp:
          `a burst of ${warmUp} scans over other tickets of the same event, same concurrency, before the timed burst ` +
          '(both JITs, Node\'s and DynamoDB Local\'s, are cold after the ticket sales, and the floor runs last on a warm DynamoDB Local); ' +
          'the capacity per scan is metered on this burst, so the timed one runs unmetered like the floor',
        server: 'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory, local bus (consumers in-process, their deliveries held during the measured burst and run after it)',
        floor: 'a bare conditional UpdateItem (SET unless already set) per distinct item, same concurrency, own DocumentClient in the bench process, same DynamoDB Local',
        capacity:
          'ReturnConsumedCapacity middleware on the in-process DocumentClient (bench/orders/capacity-meter.ts), as DynamoDB Local reports it, during the warm-up burst; ' +
          'calls split into the API request path and the bus consumers, divided by the successful scans',
      },
      endpoint: { available: false, probe: '' },
      tickets,
      concurrency,
      scan: null,
      floor: { ops: 0, concurrency, wallMs: 0, perSecond: 0, latencyMs: null },
      ratioP99: null,
      capacity: null,
      targets: [],
    };
    const errors: string[] = [];
    let warmAdmitted = 0;
    const meter = new CapacityMeter();
    progress('check-ins: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startOrdersStack(ctx.cleanup);
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
      const token = await stack.token('admin', 'bench-admin');
      const api = apiClient(stack.apiUrl, token);
      const settle = async () => {
        await stack.bus.drain();
        await stack.stripe.idle();
      };

      progress(`check-ins: selling ${tickets} + ${warmUp} + 1 free tickets`);
      const { eventId, codes: allCodes } = await givenTickets(api, tickets + warmUp + 1);
      const warmUpCodes = allCodes.slice(tickets + 1);
      const codes = allCodes.slice(0, tickets + 1);
      await settle();

      const probe = await api.call<{ code?: string }>('POST', `/v1/events/${eventId}/check-ins`, { body: { code: codes[0], deviceId: 'warm-up' } });
      data.endpoint = {
        available: !(probe.status === 404 && probe.body?.code !== 'invalid') && probe.status !== 405,
        probe: `${probe.status} ${probe.body?.code ?? ''}`.trim(),
      };
      progress(`check-ins: warm-up scan answered ${data.endpoint.probe}`);

      if (data.endpoint.available) {
        await settle();
        // As deployed, consumers run elsewhere (their own Lambdas); here they would share the
        // two cores and DynamoDB Local with the request path, so they run after each burst.
        const burst = async (name: string, burstCodes: string[]) => {
          const file = join(ctx.tmpDir, `check-ins-${name}.json`);
          writeFileSync(file, JSON.stringify({ apiUrl: stack.apiUrl, eventId, token, codes: burstCodes, concurrency } satisfies ScanConfig));
          meter.take();
          stack.bus.pause();
          const finished = await runChild(ctx.cleanup, process.execPath, ['--import', 'tsx', client, file], { cwd: ctx.root });
          const apiCalls = meter.take();
          meter.runAs('consumer', 'event bus delivery (held during the burst)', () => stack.bus.resume());
          if (finished.code !== 0) throw new Error(`${name} scan client ${describeExit(finished)}`);
          await settle();
          const out = JSON.parse(finished.stdout) as ScanOutput;
          return { out, ok: out.samples.filter(([status]) => status >= 200 && status < 300), calls: [...apiCalls, ...meter.take()] };
        };

        progress(`check-ins: warm-up burst, ${warmUp} scans, ${concurrency} scanners, metered for capacity (latency not measured)`);
        const warm = await burst('warm-up', warmUpCodes);
        warmAdmitted = warm.ok.length;
        if (warm.ok.length) data.capacity = perScan(warm.calls, warm.ok.length);
        if (data.capacity) {
          progress(`  per scan: request path ${data.capacity.api.rcu} RCU + ${data.capacity.api.wcu} WCU; consumers ${data.capacity.consumers.rcu} RCU + ${data.capacity.consumers.wcu} WCU`);
        }

        // The floor's client is not metered either: ReturnConsumedCapacity and the meter's bookkeeping stay out of the timed burst.
        meter.uninstall();
        progress(`check-ins: ${tickets} scans, ${concurrency} scanners, unmetered (bus deliveries held until the burst ends)`);
        const { out, ok } = await burst('scan', codes.slice(1));
        const outcomes: Record<string, number> = {};
        for (const [status, code] of out.samples) outcomes[`${status}${code ? ` ${code}` : ''}`] = (outcomes[`${status}${code ? ` ${code}` : ''}`] ?? 0) + 1;
        const stats = await api.call<{ checkedIn?: { total: number } }>('GET', `/v1/events/${eventId}/stats`);
        data.scan = {
          wallMs: Math.round(out.wallMs),
          perSecond: roundTo((out.samples.length / out.wallMs) * 1000),
          outcomes,
          latencyMs: { all: percentiles(out.samples.map(([, , ms]) => ms)), ok: percentiles(ok.map(([, , ms]) => ms)) },
          statsCheckedIn: stats.status === 200 ? (stats.body.checkedIn?.total ?? null) : null,
        };
        progress(
          `  ${data.scan.perSecond} scans/s, p50 ${data.scan.latencyMs.all?.p50} ms, p99 ${data.scan.latencyMs.all?.p99} ms; ` +
            `${Object.entries(outcomes).map(([k, n]) => `${n}×${k}`).join(', ')}; stats checkedIn ${data.scan.statsCheckedIn}`,
        );
      } else {
        progress('check-ins: POST /v1/events/{id}/check-ins is not served yet; measuring the floor only');
      }
    } catch (error) {
      errors.push(`scan: ${(error as Error).message}`);
      progress(`  ERROR ${(error as Error).message}`);
    } finally {
      meter.uninstall();
    }
    try {
      if (!ctx.cleanup.stopping) {
        progress(`check-ins: floor — ${tickets} bare conditional UpdateItems, ${concurrency} at a time`);
        data.floor = await measureFloor(stack.dynamoEndpoint, BENCH_TABLE, tickets, concurrency);
        progress(`  floor p50 ${data.floor.latencyMs?.p50} ms, p99 ${data.floor.latencyMs?.p99} ms, ${data.floor.perSecond} ops/s`);
      }
    } catch (error) {
      errors.push(`floor: ${(error as Error).message}`);
    } finally {
      progress('check-ins: stopping the local stack');
      await stop();
    }

    const scanP99 = data.scan?.latencyMs.all?.p99;
    const floorP99 = data.floor.latencyMs?.p99;
    data.ratioP99 = scanP99 && floorP99 ? roundTo(scanP99 / floorP99, 2) : null;
    const okCount = data.scan ? Object.entries(data.scan.outcomes).filter(([k]) => /^2\d\d/.test(k)).reduce((s, [, n]) => s + n, 0) : 0;
    data.targets = [
      { name: 'endpoint served', ok: data.endpoint.available, detail: data.endpoint.probe },
      { name: 'every distinct ticket admitted', ok: data.scan ? okCount === tickets : null, detail: `${okCount} / ${tickets}` },
      {
        name: 'stats count every admission',
        ok: data.scan ? data.scan.statsCheckedIn === okCount + 1 + warmAdmitted : null,
        detail: `stats ${data.scan?.statsCheckedIn ?? '—'} vs ${okCount} + ${1 + warmAdmitted} warm-up`,
      },
      { name: 'check-in p99 / floor p99 ≤ 3', ok: data.ratioP99 === null ? null : data.ratioP99 <= 3, detail: `${scanP99 ?? '—'} / ${floorP99 ?? '—'} ms` },
      { name: '≤ 2 WCU per scan (request path)', ok: data.capacity ? data.capacity.api.wcu <= 2 : null, detail: `${data.capacity?.api.wcu ?? '—'}` },
      { name: '≤ 1 RCU per scan (request path)', ok: data.capacity ? data.capacity.api.rcu <= 1 : null, detail: `${data.capacity?.api.rcu ?? '—'}` },
    ];
    return { data, targetsMet: data.targets.every((t) => t.ok === true), errors };
  },
  render: renderCheckIns,
};
