import { parse } from 'csv-parse/sync';
import { beforeAll, describe, expect, it } from 'vitest';
import { safeCell } from '#packages/core/csv-safe.ts';
import { useTestApi } from '../support/local-api.ts';
import { ledgerOf, sum } from '../support/promoter-fixtures.ts';
import { seedReports, type ReportSeed } from '../support/report-fixtures.ts';

/**
 * The reports across events against what was seeded through the HTTP API
 * (test/support/report-fixtures.ts says what each figure comes from); each
 * report's CSV holds exactly its JSON rows.
 */
const api = useTestApi();
let seed: ReportSeed;

beforeAll(async () => {
  // The late event's name starts like a formula, so every CSV below must neutralise it.
  seed = await seedReports(api.call, () => api.bus.drain(), { late: '=Summer Night' });
  expect(api.bus.deadLetters).toEqual([]);
}, 180_000);

const window = () => `from=${encodeURIComponent(seed.from)}&to=${encodeURIComponent(seed.to)}`;

async function report(path: string) {
  const res = await api.call('GET', path);
  expect(res.status, JSON.stringify(res.body)).toBe(200);
  return res.body;
}

/** The CSV of a report, parsed, equals its JSON rows cell for cell (strings formula-safe, null empty). */
async function expectCsvEqualsJson(path: string, rows: Array<Record<string, unknown>>) {
  const joiner = path.includes('?') ? '&' : '?';
  const viaQuery = await api.call('GET', `${path}${joiner}format=csv`);
  const viaAccept = await api.call('GET', path, { headers: { accept: 'text/csv' } });
  for (const res of [viaQuery, viaAccept]) {
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/csv; charset=utf-8');
  }
  expect(viaAccept.body).toBe(viaQuery.body);
  const [header, ...lines] = parse(viaQuery.body as string) as string[][];
  expect(lines).toHaveLength(rows.length);
  const expected = rows.map((row) => header!.map((c) => (row[c] === null ? '' : typeof row[c] === 'string' ? safeCell(row[c]) : String(row[c]))));
  expect(lines).toEqual(expected);
}

describe('reports across events', () => {
  it('events: sell-through, revenue net of refunds, attendance and no-shows per event; CSV equals JSON', async () => {
    const body = await report(`/v1/reports/events?${window()}`);
    expect(body.rows).toEqual([
      expect.objectContaining({ eventId: seed.early.id, name: seed.early.name, capacity: 100, ticketsSold: 4, sellThrough: 0.04, revenue: 9000, orders: 4, checkedIn: 3, attendanceRate: 0.75, noShowRate: 0.25 }),
      expect.objectContaining({ eventId: seed.late.id, name: '=Summer Night', capacity: 50, ticketsSold: 4, sellThrough: 0.08, revenue: 16000, orders: 3, checkedIn: 1, attendanceRate: 0.25, noShowRate: 0.75 }),
    ]);
    // The live stats agree (the same sales, counted by the consumers).
    for (const row of body.rows) {
      const stats = await report(`/v1/events/${row.eventId}/stats`);
      expect(stats.ticketsSold).toBe(row.ticketsSold);
      expect(stats.revenue).toEqual([{ amount: row.revenue, currency: 'EUR' }]);
    }
    await expectCsvEqualsJson(`/v1/reports/events?${window()}`, body.rows);
    const csv = (await api.call('GET', `/v1/reports/events?${window()}&format=csv`)).body as string;
    expect(csv).toContain("'=Summer Night");
  });

  it('revenue over time (the metric store): paid and refunded in the window, per month', async () => {
    const body = await report(`/v1/reports/revenue?${window()}&interval=month`);
    const withSales = body.rows.filter((r: { orders: number }) => r.orders > 0);
    // Orders: 50 + 25 + 75 + 25 (early) + 40 + 80 + 40 (late) = 335.00 for 11 tickets; refunds 75 + 10 = 85.00.
    expect(withSales).toEqual([expect.objectContaining({ currency: 'EUR', orders: 7, tickets: 11, gross: 33500, refunds: 8500, net: 25000 })]);
    // The same net as the per-event report, read from the orders.
    const events = await report(`/v1/reports/events?${window()}`);
    expect(events.rows.reduce((n: number, r: { revenue: number }) => n + r.revenue, 0)).toBe(25000);
    expect(body.rows.reduce((n: number, r: { net: number }) => n + r.net, 0)).toBe(25000);
    await expectCsvEqualsJson(`/v1/reports/revenue?${window()}&interval=month`, body.rows);
  });

  it('velocity: the late event against the early one, day by day before start', async () => {
    const body = await report(`/v1/events/${seed.late.id}/reports/velocity`);
    expect(body.event).toMatchObject({ eventId: seed.late.id, ticketsSold: 4 });
    expect(body.earlier).toEqual([expect.objectContaining({ eventId: seed.early.id, ticketsSold: 4 })]);
    // Everything sold today: 19 days before the late event's start, 4 before the early one's.
    const at = (d: number) => body.rows.find((r: { daysBefore: number }) => r.daysBefore === d);
    expect(body.rows[0].daysBefore).toBe(19);
    expect(at(19)).toEqual({ daysBefore: 19, tickets: 4, earlierAverage: 0 });
    expect(at(5)).toEqual({ daysBefore: 5, tickets: null, earlierAverage: 0 });
    expect(at(4)).toEqual({ daysBefore: 4, tickets: null, earlierAverage: 4 });
    expect(at(0)).toEqual({ daysBefore: 0, tickets: null, earlierAverage: 4 });
    await expectCsvEqualsJson(`/v1/events/${seed.late.id}/reports/velocity`, body.rows);
    // The early event has nothing earlier to compare with.
    const early = await report(`/v1/events/${seed.early.id}/reports/velocity`);
    expect(early.earlier).toEqual([]);
    expect(early.rows[0]).toEqual({ daysBefore: 4, tickets: 4, earlierAverage: null });
  });

  it('cohorts: alice came back, bob did not; one repeat attendee of two', async () => {
    const body = await report(`/v1/reports/cohorts?${window()}`);
    expect(body).toMatchObject({ attendees: 2, repeatAttendees: 1, repeatAttendeeRate: 0.5 });
    expect(body.rows).toEqual([
      expect.objectContaining({ eventId: seed.early.id, size: 2, returned: 1, returnRate: 0.5 }),
      expect.objectContaining({ eventId: seed.late.id, size: 0, returned: 0, returnRate: 0 }),
    ]);
    await expectCsvEqualsJson(`/v1/reports/cohorts?${window()}`, body.rows);

    // A window holding only the late event: alice's first event came before it, so she joins no cohort of the window.
    const lateOnly = `from=${encodeURIComponent(new Date(Date.parse(seed.from) + 6 * 86_400_000).toISOString())}&to=${encodeURIComponent(seed.to)}`;
    const late = await report(`/v1/reports/cohorts?${lateOnly}`);
    expect(late).toMatchObject({ attendees: 1, repeatAttendees: 0, repeatAttendeeRate: 0 });
    expect(late.rows).toEqual([expect.objectContaining({ eventId: seed.late.id, size: 0, returned: 0 })]);
  });

  it('top customers: by net spend, alice at both events', async () => {
    const body = await report(`/v1/reports/top-customers?${window()}&limit=3`);
    expect(body).toMatchObject({ customers: 6, repeatCustomers: 1 });
    expect(body.rows).toEqual([
      { email: seed.emails.alice, currency: 'EUR', orders: 2, events: 2, tickets: 3, spent: 9000 },
      { email: seed.emails.erin, currency: 'EUR', orders: 1, events: 1, tickets: 2, spent: 8000 },
      expect.objectContaining({ orders: 1, events: 1, tickets: 1, spent: 4000 }),
    ]);
    await expectCsvEqualsJson(`/v1/reports/top-customers?${window()}&limit=3`, body.rows);
  });

  it("attribution: by channel and by promoter, the promoter's commission as cost; by lead source", async () => {
    const commission = sum((await ledgerOf(api.call, seed.promoterId)).filter((l) => l.kind !== 'check_in'));
    expect(commission).toBeGreaterThan(0);
    const byChannel = await report(`/v1/reports/attribution?${window()}&by=channel`);
    expect(byChannel.rows).toEqual([
      { key: 'direct', currency: 'EUR', orders: 6, tickets: 7, revenue: 21000, cost: null, roi: null },
      { key: 'promoter', currency: 'EUR', orders: 1, tickets: 1, revenue: 4000, cost: commission, roi: Math.round(((4000 - commission) / commission) * 10_000) / 10_000 },
    ]);
    await expectCsvEqualsJson(`/v1/reports/attribution?${window()}&by=channel`, byChannel.rows);
    const byPromoter = await report(`/v1/reports/attribution?${window()}&by=promoter`);
    expect(byPromoter.rows).toContainEqual(expect.objectContaining({ key: seed.promoterId, orders: 1, revenue: 4000, cost: commission }));

    const alice = (await report(`/v1/contacts?email=${encodeURIComponent(seed.emails.alice)}`)).items[0];
    expect((await api.call('PATCH', `/v1/contacts/${alice.id}`, { body: { leadSource: 'instagram' } })).status).toBe(200);
    const bySource = await report(`/v1/reports/attribution?${window()}&by=leadSource`);
    // Contacts made by a purchase have the lead source ticket_purchase.
    expect(bySource.rows).toEqual([
      expect.objectContaining({ key: 'ticket_purchase', orders: 5, tickets: 5, revenue: 16000 }),
      expect.objectContaining({ key: 'instagram', orders: 2, tickets: 3, revenue: 9000 }),
    ]);
  });

  it('organisers only: a promoter, a scanner and marketing are refused; a bad window is a 400', async () => {
    for (const role of ['promoter', 'scanner', 'marketing', 'box_office']) {
      const res = await api.call('GET', `/v1/reports/events?${window()}`, { role });
      expect(res.status, role).toBe(403);
    }
    expect((await api.call('GET', `/v1/reports/events?${window()}`, { role: 'manager' })).status).toBe(200);
    expect((await api.call('GET', `/v1/reports/events?from=${encodeURIComponent(seed.to)}&to=${encodeURIComponent(seed.from)}`)).status).toBe(400);
    expect((await api.call('GET', '/v1/events/01JD0000000000000000000000/reports/velocity')).status).toBe(404);
  });
});
