import { tableDefinition } from '#packages/core/db/table-definition.ts';
import { localDynamoClient } from '#packages/local/dynamodb-local.ts';
import { availability, givenSale, idempotencyHeader, orderBody, apiClient, type OrderView } from '../orders/api.ts';
import { measureCapacity, probeLocalReporting } from '../orders/capacity.ts';
import { CapacityMeter } from '../orders/capacity-meter.ts';
import { orderFloorTransactions, orderTemplate } from '../orders/floor.ts';
import { runRace, type RaceWindow } from '../orders/race.ts';
import { BENCH_TABLE, startOrdersStack } from '../orders/stack.ts';
import { roundTo } from '../orders/stats.ts';
import type { OrdersData } from '../orders/types.ts';
import { cpuWindow, type CpuSpent } from '../lib/cpu.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { transactionFloor } from '../lib/transaction-floor.ts';
import { renderOrders } from './orders-render.ts';

export type { OrdersData } from '../orders/types.ts';

const portOf = (url: string) => Number(new URL(url).port);

export const ordersSection: BenchSection<OrdersData> = {
  name: 'orders',
  title: 'Orders: oversell race vs a bare transaction of the same shape, and consumed capacity (local stack)',
  async run(ctx) {
    const race = {
      buyers: intFromEnv('BENCH_RACE_BUYERS', 400),
      tickets: intFromEnv('BENCH_RACE_TICKETS', 100),
      concurrency: intFromEnv('BENCH_RACE_CONCURRENCY', 50),
      idempotencyKey: true,
    };
    const repetitions = intFromEnv('BENCH_CAPACITY_REPS', 20);
    const data: OrdersData = {
      method: {
        client:
          'race: bench/lib/burst-client.ts, a separate Node process, one keep-alive socket (node:http) per concurrent buyer, opened before the clock starts; ' +
          'capacity: sequential requests from the bench process',
        warmUp:
          'a first race of the same shape on a sale of its own (both JITs, Node\'s and DynamoDB Local\'s, are cold after the handler warm-up); ' +
          'it is the one metered for the race\'s DynamoDB calls, so the timed race runs unmetered like the floor',
        server:
          'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory (Java), local bus (consumers in-process; ' +
          'deliveries held during each race and run after it), Stripe stand-in (in-process too)',
        floor:
          'per buyer ONE bare TransactWriteItems of the shape createOrder writes for a one-ticket pending order (Put order with its PaymentIntent id, Put orderHold, ' +
          'conditional Update `available >= 1` of one inventory slice, Put outboxEvent), built with the product\'s entities and builders from an order ' +
          'the race wrote; distinct orders on a pool of the race\'s seats and slice count (so as contended), same concurrency, no read before and no retry ' +
          'after, from a DocumentClient of its own in the bench process, same DynamoDB Local; a warm-up run of the same size first',
        cpu: 'user + system CPU of the bench process (the whole local stack, or the floor\'s client) and of the DynamoDB Local JVM (/proc) during each timed burst',
        capacity:
          'a middleware on the process\'s one DocumentClient sets ReturnConsumedCapacity (INDEXES: the TOTAL figure plus its table/index split) ' +
          'on every command and sums what DynamoDB Local reports; calls are attributed to the API request or the bus consumers that made them',
      },
      raceWarmUp: null,
      race: null,
      floor: null,
      ratioP99: null,
      targets: [],
      capacity: null,
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();

    progress('orders: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop, reusedPorts } = await startOrdersStack(ctx.cleanup);
    if (reusedPorts) progress('orders: reusing the ports of the stack an earlier section ran in this process');
    const ports = { api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) };
    try {
      meter.install(ports);
      const api = apiClient(stack.apiUrl, await stack.token('admin', 'bench-admin'));
      const settle = async () => {
        await stack.bus.drain();
        await stack.stripe.idle();
      };
      const takeCalls = () => meter.take();

      // Warm-up: the first request to each handler imports (and tsx compiles) it.
      progress('orders: warming up the order, webhook, availability and list handlers');
      const warm = await givenSale(api, { name: 'warm-up', capacity: 100, totalCapacity: 200 });
      const order = await api.call<OrderView>('POST', `/v1/events/${warm.eventId}/orders`, {
        token: null,
        body: orderBody(warm.ticketTypeId, 1, 'warm-up@example.com'),
        headers: idempotencyHeader(),
      });
      if (order.status !== 201 || !order.body.payment) throw new Error(`warm-up order answered ${order.status}: ${JSON.stringify(order.body).slice(0, 300)}`);
      await api.call('POST', `/dev/stripe/payment_intents/${order.body.payment.paymentIntentId}/succeed`, { token: null });
      await availability(api, warm.eventId);
      await api.call('GET', `/v1/events/${warm.eventId}/orders?status=paid`);
      await settle();
      const warmCalls = takeCalls();
      // The handlers must run on the client the meter instruments (in-process stack, one module instance).
      if (!warmCalls.some((c) => c.origin === 'api' && c.request === 'POST /v1/events/{id}/orders')) {
        throw new Error('the middleware saw no DynamoDB call from the order handler: the handlers do not use the instrumented documentClient');
      }
      if (!warmCalls.some((c) => c.units > 0)) throw new Error('DynamoDB Local reported no consumed capacity');

      // As deployed, consumers run in their own Lambdas; here they would share the two cores and
      // DynamoDB Local with the request path, so each race holds the bus and delivers after it.
      const window = (metered: boolean): RaceWindow => {
        let cpu: () => CpuSpent = () => ({ benchMs: 0, dynamoMs: null });
        return {
          open() {
            meter.take();
            stack.bus.pause();
            cpu = cpuWindow(stack.dynamoEndpoint);
          },
          close() {
            const spent = cpu();
            const calls = metered ? meter.take() : [];
            meter.runAs('consumer', 'event bus delivery (held during the race)', () => stack.bus.resume());
            return { calls, cpu: spent };
          },
          settle,
        };
      };

      let templateOrderId: string | undefined;
      try {
        progress(`orders: warm-up race — ${race.buyers} buyers for ${race.tickets} tickets, ${race.concurrency} at a time, metered`);
        data.raceWarmUp = await runRace(ctx, 'race-warm-up', api, await givenSale(api, { name: 'race warm-up', capacity: race.tickets }), race, window(true));
        // The meter's bookkeeping (ReturnConsumedCapacity, the request tags) stays out of the timed race, as out of the floor.
        meter.uninstall();
        progress(`orders: race — ${race.buyers} buyers for ${race.tickets} tickets, ${race.concurrency} at a time, unmetered`);
        const sale = await givenSale(api, { name: 'race', capacity: race.tickets });
        data.race = await runRace(ctx, 'race', api, sale, race, window(false));
        const pending = await api.call<{ items: Array<{ id: string }> }>('GET', `/v1/events/${sale.eventId}/orders?status=pending&limit=1`);
        templateOrderId = pending.body.items?.[0]?.id;
      } catch (error) {
        errors.push(`race: ${(error as Error).message}`);
        progress(`  ERROR ${(error as Error).message}`);
      } finally {
        meter.uninstall();
      }

      if (!ctx.cleanup.stopping && templateOrderId) {
        try {
          progress(`orders: floor — ${race.buyers} bare order transactions for ${race.tickets} seats, ${race.concurrency} at a time (after as many to warm up)`);
          const template = await orderTemplate(templateOrderId);
          const warmUp = await orderFloorTransactions(template, race.buyers, race.tickets);
          const timed = await orderFloorTransactions(template, race.buyers, race.tickets);
          data.floor = await transactionFloor(stack.dynamoEndpoint, { warmUp, timed }, race.concurrency);
          progress(
            `  floor p50 ${data.floor.latencyMs.all?.p50} ms, p99 ${data.floor.latencyMs.all?.p99} ms, ${data.floor.perSecond} transactions/s; ` +
              Object.entries(data.floor.outcomes).map(([k, n]) => `${n}×${k}`).join(', '),
          );
        } catch (error) {
          errors.push(`floor: ${(error as Error).message}`);
          progress(`  ERROR ${(error as Error).message}`);
        }
      }

      if (!ctx.cleanup.stopping) {
        meter.install(ports);
        try {
          const reporting = await probeLocalReporting(stack.dynamoEndpoint, BENCH_TABLE);
          progress(
            `orders: DynamoDB Local reports ${reporting.putItem1KB} WCU for a 1 KB PutItem, ${reporting.transactPut1KB} for it in a transaction, ` +
              `${reporting.transactFourSmall} for a transaction of four small puts, ${reporting.emptyQuery} RCU for an empty Query`,
          );
          const sizingClient = localDynamoClient(stack.dynamoEndpoint);
          meter.setSizing({ client: sizingClient, indexes: tableDefinition.globalIndexes });
          try {
            data.capacity = await measureCapacity({ api, repetitions, reporting, settle, takeCalls, stopping: () => ctx.cleanup.stopping });
          } finally {
            meter.setSizing(null);
            sizingClient.destroy();
          }
          for (const op of data.capacity.operations) {
            progress(
              `  ${op.sale} ${op.label}: ${op.request.rcu} RCU + ${op.request.wcu} WCU in ${op.request.calls} calls ` +
                `(billed ≈ ${op.billed.rcu} + ${op.billed.wcu})` +
                (op.consumers ? `; consumers ${op.consumers.rcu} RCU + ${op.consumers.wcu} WCU` : ''),
            );
          }
        } catch (error) {
          errors.push(`capacity: ${(error as Error).message}`);
          progress(`  ERROR ${(error as Error).message}`);
        }
      }
    } finally {
      meter.uninstall();
      progress('orders: stopping the local stack');
      await stop();
    }

    const apiP99 = data.race?.latencyMs.all?.p99;
    const floorP99 = data.floor?.latencyMs.all?.p99;
    data.ratioP99 = apiP99 && floorP99 ? roundTo(apiP99 / floorP99, 2) : null;
    const warmUp = data.raceWarmUp;
    data.targets = [
      ...(data.race?.checks ?? []).map((c) => ({ ...c })),
      {
        name: 'nothing oversold in the warm-up race either',
        ok: warmUp ? warmUp.oversoldBy201 === 0 && warmUp.oversoldByAvailability === 0 : null,
        detail: warmUp ? `${warmUp.created} × 201 for ${warmUp.tickets} tickets; sold ${warmUp.availability.sold} + held ${warmUp.availability.held}` : '—',
      },
      { name: 'order p99 / floor p99 ≤ 3', ok: data.ratioP99 === null ? null : data.ratioP99 <= 3, detail: `${apiP99 ?? '—'} / ${floorP99 ?? '—'} ms` },
    ];
    return { data, targetsMet: data.race !== null && data.targets.every((t) => t.ok === true), errors };
  },
  render: renderOrders,
};
