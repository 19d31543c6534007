import { tableDefinition } from '../../packages/core/db/table-definition.ts';
import { localDynamoClient } from '../../packages/local/dynamodb-local.ts';
import { availability, givenSale, idempotencyHeader, orderBody, apiClient, type OrderView } from '../orders/api.ts';
import { measureCapacity, probeLocalReporting } from '../orders/capacity.ts';
import { CapacityMeter } from '../orders/capacity-meter.ts';
import { runRace } from '../orders/race.ts';
import { BENCH_TABLE, startOrdersStack } from '../orders/stack.ts';
import type { OrdersData } from '../orders/types.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderOrders } from './orders-render.ts';

export type { OrdersData } from '../orders/types.ts';

const portOf = (url: string) => Number(new URL(url).port);

export const ordersSection: BenchSection<OrdersData> = {
  name: 'orders',
  title: 'Orders: oversell race and consumed capacity (local stack)',
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
        client: 'race: a concurrency-limited fetch pool in a separate Node process; capacity: sequential requests from the bench process',
        server:
          'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory (Java), local bus (consumers run in-process), Stripe stand-in',
        capacity:
          'a middleware on the process\'s one DocumentClient sets ReturnConsumedCapacity (INDEXES: the TOTAL figure plus its table/index split) ' +
          'on every command and sums what DynamoDB Local reports; calls are attributed to the API request or the bus consumers that made them',
      },
      race: null,
      capacity: null,
    };
    const errors: string[] = [];
    const meter = new CapacityMeter();

    progress('orders: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop, reusedPorts } = await startOrdersStack(ctx.cleanup);
    if (reusedPorts) progress('orders: reusing the ports of the stack an earlier section ran in this process');
    try {
      meter.install({ api: portOf(stack.apiUrl), bus: portOf(stack.bus.endpoint) });
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

      try {
        const sale = await givenSale(api, { name: 'race', capacity: race.tickets });
        data.race = await runRace(ctx.cleanup, ctx.root, api, sale, race, settle, takeCalls);
      } catch (error) {
        errors.push(`race: ${(error as Error).message}`);
        progress(`  ERROR ${(error as Error).message}`);
      }

      if (!ctx.cleanup.stopping) {
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
    const targetsMet = data.race !== null && data.race.checks.every((c) => c.ok);
    return { data, targetsMet, errors };
  },
  render: renderOrders,
};
