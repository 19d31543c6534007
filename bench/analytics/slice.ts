import type { LocalStack } from '#packages/local/local-stack.ts';
import type { Api } from '../orders/api.ts';
import type { CapacityMeter } from '../orders/capacity-meter.ts';
import { roundTo } from '../orders/stats.ts';
import type { AnalyticsData } from './types.ts';

const SLICE_EVENT = '01JDBENCHANALYTICSSLICE000';
const TYPES = ['01JDBENCHTT0000000000000001', '01JDBENCHTT0000000000000002', '01JDBENCHTT0000000000000003'];

/**
 * Real order.paid events through the local bus into the analytics consumer
 * (with every other consumer of order.paid, as deployed), then a tenth of them
 * again: the totals must count each order once.
 */
export async function pushSlice(stack: LocalStack, meter: CapacityMeter, api: Api, orders: number, end: number): Promise<NonNullable<AnalyticsData['slice']>> {
  const { putOnBus } = await import('#packages/core/bus/publish.ts');
  const { domainEvent } = await import('#packages/core/bus/pending-event.ts');
  const { paidPoints } = await import('#packages/features/analytics/points-from-events.ts');
  const { newId } = await import('#packages/core/ids.ts');
  const events = [];
  let points = 0;
  for (let i = 0; i < orders; i++) {
    const paid = {
      orderId: newId(),
      eventId: SLICE_EVENT,
      status: 'paid' as const,
      buyer: { email: `slice.${i}@bench.example.com` },
      total: { amount: 2500, currency: 'EUR' },
      admissions: 1,
      tickets: [{ ticketId: newId(), ticketTypeId: TYPES[i % TYPES.length]! }],
      paidAt: new Date(end - 1 - ((i * 7919) % (2 * 86_400_000 - 1))).toISOString(),
      ...(i % 3 === 0 ? { utm: { source: 'instagram', medium: 'social', campaign: 'bench' } } : {}),
    };
    points += paidPoints(paid).length;
    events.push(domainEvent('order.paid', paid, { correlationId: 'bench-analytics' }));
  }
  meter.take();
  const started = performance.now();
  for (let i = 0; i < events.length; i += 10) await putOnBus(events.slice(i, i + 10));
  await stack.bus.drain();
  const seconds = (performance.now() - started) / 1000;
  // The analytics transactions: those writing raw points or buckets (one source event may take more than one).
  const ours = meter.take().filter((r) => r.origin === 'consumer' && r.command === 'TransactWriteItems' && r.items.some((item) => item.includes('metricpoint') || item.includes('metricbucket')));
  const wcu = ours.reduce((s, r) => s + r.units, 0);

  const total = async () => {
    const query = new URLSearchParams({ metric: 'orders', from: new Date(end - 2 * 86_400_000).toISOString(), to: new Date(end).toISOString(), interval: 'minute', event: SLICE_EVENT });
    const res = await api.call<{ total: number }>('GET', `/v1/analytics?${query}`);
    const hour = await api.call<{ total: number }>('GET', `/v1/analytics?${query.toString().replace('interval=minute', 'interval=hour')}`);
    const day = await api.call<{ total: number }>('GET', `/v1/analytics?${query.toString().replace('interval=minute', 'interval=day')}`);
    return [res.body.total, hour.body.total, day.body.total];
  };
  const first = await total();
  const again = events.filter((_, i) => i % 10 === 0);
  for (let i = 0; i < again.length; i += 10) await putOnBus(again.slice(i, i + 10));
  await stack.bus.drain();
  const second = await total();
  if (stack.bus.deadLetters.length) throw new Error(`slice: ${stack.bus.deadLetters.length} dead letters`);
  return {
    orders,
    points,
    seconds: roundTo(seconds, 1),
    pointsPerSecond: roundTo(points / seconds, 1),
    wcuPerOrder: roundTo(wcu / orders, 1),
    transactionsPerOrder: roundTo(ours.length / orders, 2),
    itemsPerOrder: roundTo(ours.reduce((s, r) => s + r.items.length, 0) / orders, 1),
    totalMatches: first.every((t) => t === orders),
    duplicatesCountedOnce: second.every((t) => t === orders),
  };
}
