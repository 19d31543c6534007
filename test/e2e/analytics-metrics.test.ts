import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { EventData } from '#events/catalog.ts';
import { startTestApi } from '../support/local-api.ts';

/**
 * The metric store through the HTTP API: random orders go through the bus and
 * the analytics consumer; every minute, hour and day aggregate (grouped or
 * not) must equal the sum of the raw stream; duplicates count once.
 */
let api: Awaited<ReturnType<typeof startTestApi>>;
let putOnBus: typeof import('#packages/core/bus/publish.ts').putOnBus;
let domainEvent: typeof import('#packages/core/bus/pending-event.ts').domainEvent;
let publishSesRecord: typeof import('#packages/features/campaigns/ses-event-fixture.ts').publishSesRecord;
let db: typeof import('#packages/core/db/service.ts').db;
let newId: () => string;

beforeAll(async () => {
  api = await startTestApi();
  ({ putOnBus } = await import('#packages/core/bus/publish.ts'));
  ({ domainEvent } = await import('#packages/core/bus/pending-event.ts'));
  ({ publishSesRecord } = await import('#packages/features/campaigns/ses-event-fixture.ts'));
  ({ db } = await import('#packages/core/db/service.ts'));
  ({ newId } = await import('#packages/core/ids.ts'));
}, 60_000);
afterAll(() => api.stop());

type Paid = EventData<'order.paid'>;
const BASE = Date.parse('2026-06-01T04:00:00.000Z');
const TYPES = ['01JD00000000000000000000T1', '01JD00000000000000000000T2', '01JD00000000000000000000T3'];
const SOURCES = ['instagram', 'newsletter', 'google'];

function paidOrder(eventId: string, o: { minute: number; amount: number; types: number[]; source?: number }): Paid {
  const at = new Date(BASE + o.minute * 60_000 + 17_000).toISOString();
  return {
    orderId: newId(),
    eventId,
    status: 'paid',
    buyer: { email: `buyer+${newId().toLowerCase()}@example.com` },
    total: { amount: o.amount, currency: 'EUR' },
    admissions: o.types.length,
    tickets: o.types.map((t) => ({ ticketId: newId(), ticketTypeId: TYPES[t]! })),
    paidAt: at,
    ...(o.source !== undefined ? { utm: { source: SOURCES[o.source]!, medium: 'social', campaign: 'summer' } } : {}),
  };
}

async function publish(events: ReturnType<typeof domainEvent>[]) {
  for (let i = 0; i < events.length; i += 10) expect(await putOnBus(events.slice(i, i + 10))).toHaveLength(Math.min(10, events.length - i));
  await api.bus.drain();
  expect(api.bus.deadLetters).toEqual([]);
}

async function query(params: Record<string, string>) {
  const res = await api.call('GET', `/v1/analytics?${new URLSearchParams(params)}`);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The raw stream of a metric over some days, one event's points only. */
async function rawPoints(metric: string, days: string[], eventId: string) {
  const points = [];
  for (const day of days) {
    const { data } = await db().entities.metricPoint.query.byMetricDay({ metric, day }).go({ pages: 'all' });
    points.push(...data.filter((p) => (p.dims as Record<string, string>).event === eventId));
  }
  return points;
}

const MS = { minute: 60_000, hour: 3_600_000, day: 86_400_000 } as const;
const bucketOf = (at: string, interval: keyof typeof MS) => new Date(Math.floor(Date.parse(at) / MS[interval]) * MS[interval]).toISOString();

/** What the raw points sum to per bucket (and grouped value): the expected answer of a query. */
function expected(points: Array<{ at: string; value: number; dims?: unknown }>, interval: keyof typeof MS, groupBy?: string) {
  const out = new Map<string, number>();
  for (const p of points) {
    const key = groupBy ? (p.dims as Record<string, string>)[groupBy] : '';
    if (groupBy && key === undefined) continue;
    const k = `${key}|${bucketOf(p.at, interval)}`;
    out.set(k, (out.get(k) ?? 0) + p.value);
  }
  return [...out].filter(([, v]) => v !== 0).sort();
}

function answered(body: { series: Array<{ key: string | null; points: Array<{ t: string; value: number }> }> }) {
  return body.series.flatMap((s) => s.points.map((p) => [`${s.key ?? ''}|${p.t}`, p.value] as [string, number])).sort();
}

describe('metric store', () => {
  it('minute, hour and day aggregates equal the raw stream, grouped or not', async () => {
    const order = fc.record({
      minute: fc.integer({ min: 0, max: 40 * 60 }),
      amount: fc.integer({ min: 100, max: 50_000 }),
      types: fc.array(fc.integer({ min: 0, max: 2 }), { minLength: 1, maxLength: 3 }),
      source: fc.option(fc.integer({ min: 0, max: 2 }), { nil: undefined }),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(order, { minLength: 1, maxLength: 12 }), async (orders) => {
        const eventId = newId();
        await publish(orders.map((o) => domainEvent('order.paid', paidOrder(eventId, o), { correlationId: 'analytics-test' })));
        const days = ['2026-06-01', '2026-06-02', '2026-06-03'];
        const from = '2026-06-01T00:00:00.000Z';
        const to = '2026-06-03T00:00:00.000Z';
        for (const [metric, currency, groupBys] of [
          ['revenue:EUR', 'EUR', [undefined, 'utmSource']],
          ['tickets_sold', undefined, [undefined, 'ticketType']],
          ['orders', undefined, ['channel']],
        ] as const) {
          const raw = await rawPoints(metric, days, eventId);
          expect(raw.length).toBeGreaterThan(0);
          for (const interval of ['minute', 'hour', 'day'] as const) {
            for (const groupBy of groupBys) {
              const body = await query({
                metric: metric.split(':')[0]!,
                from,
                to,
                interval,
                event: eventId,
                ...(currency ? { currency } : {}),
                ...(groupBy ? { groupBy } : {}),
              });
              expect(answered(body), `${metric} ${interval} ${groupBy ?? ''}`).toEqual(expected(raw, interval, groupBy));
            }
          }
        }
        // And the paid totals are what was sold, so neither side can be empty or doubled alike.
        const revenue = await query({ metric: 'revenue', currency: 'EUR', from, to, interval: 'day', event: eventId });
        expect(revenue.total).toBe(orders.reduce((sum, o) => sum + o.amount, 0));
      }),
      { numRuns: 4 },
    );
  }, 240_000);

  it('counts a duplicated domain event once', async () => {
    const eventId = newId();
    const event = domainEvent('order.paid', paidOrder(eventId, { minute: 5, amount: 2500, types: [0, 1] }), { correlationId: 'dup' });
    await publish([event, event]);
    await publish([event]);
    const body = await query({ metric: 'tickets_sold', from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z', interval: 'hour', event: eventId });
    expect(body.total).toBe(2);
    const orders = await query({ metric: 'orders', from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z', interval: 'minute', event: eventId });
    expect(orders.total).toBe(1);
  });

  it('counts a duplicated SES event once, whatever its bus id', async () => {
    const campaignId = newId();
    const timestamp = '2026-06-01T10:00:05.000Z';
    const mail = { messageId: `msg-${campaignId}`, timestamp, destination: ['ana@example.com'], tags: { campaignId: [campaignId] } };
    const open = { eventType: 'Open' as const, mail, open: { timestamp } };
    await publishSesRecord(open);
    await publishSesRecord(open);
    await publishSesRecord({ eventType: 'Delivery', mail, delivery: { timestamp } });
    await api.bus.drain();
    expect(api.bus.deadLetters).toEqual([]);
    const range = { from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z', interval: 'day', groupBy: 'campaign' };
    const opened = await query({ metric: 'emails_opened', ...range });
    expect(opened.series.find((s: { key: string }) => s.key === campaignId)?.total).toBe(1);
    const delivered = await query({ metric: 'emails_delivered', ...range });
    expect(delivered.series.find((s: { key: string }) => s.key === campaignId)?.total).toBe(1);
  });

  it('answers 400 problem+json to a bad query', async () => {
    const base = { metric: 'orders', from: '2026-06-01T00:00:00Z', to: '2026-06-02T00:00:00Z', interval: 'hour' };
    const cases: Array<[Record<string, string>, string]> = [
      [{ ...base, interval: 'minute', to: '2026-06-04T00:00:00Z' }, 'range_too_long'],
      [{ ...base, interval: 'hour', to: '2026-12-01T00:00:00Z' }, 'range_too_long'],
      [{ ...base, interval: 'day', to: '2030-01-01T00:00:00Z' }, 'range_too_long'],
      [{ ...base, to: '2026-05-01T00:00:00Z' }, 'invalid_range'],
      [{ ...base, metric: 'revenue' }, 'currency_required'],
      [{ ...base, currency: 'EUR' }, 'currency_not_applicable'],
      [{ ...base, event: 'e', promoter: 'p' }, 'one_filter'],
      [{ ...base, metric: 'nope' }, 'validation_failed'],
      [{ ...base, interval: 'week' }, 'validation_failed'],
      [{ ...base, groupBy: 'colour' }, 'validation_failed'],
    ];
    for (const [params, code] of cases) {
      const res = await api.call('GET', `/v1/analytics?${new URLSearchParams(params)}`);
      expect(res.status, JSON.stringify(params)).toBe(400);
      expect(res.headers.get('content-type')).toMatch(/application\/problem\+json/);
      expect(res.body.code, JSON.stringify(params)).toBe(code);
    }
  });
});
