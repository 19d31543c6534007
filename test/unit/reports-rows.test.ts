import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { rowsToCsv } from '#packages/features/reports/csv-answer.ts';
import { topCustomerRows } from '#packages/features/reports/customer-rows.ts';
import type { EventFacts, OrderFact } from '#packages/features/reports/event-facts.ts';
import { bucketOf, bucketsBetween, daysBefore } from '#packages/features/reports/periods.ts';
import { revenueRows } from '#packages/features/reports/revenue-rows.ts';
import { velocityRows } from '#packages/features/reports/velocity-rows.ts';

const order = (over: Partial<OrderFact>): OrderFact => ({
  orderId: 'o',
  eventId: 'e',
  buyerEmail: 'a@example.com',
  paidAt: '2026-03-01T10:00:00.000Z',
  admissions: 1,
  total: 1000,
  refunded: 0,
  currency: 'EUR',
  channel: 'direct',
  ...over,
});

const facts = (startsAt: string, orders: OrderFact[]): EventFacts => ({
  eventId: startsAt,
  name: 'E',
  startsAt,
  currency: 'EUR',
  status: 'published',
  capacity: 100,
  ticketsSold: orders.reduce((n, o) => n + o.admissions, 0),
  revenue: 0,
  checkedIn: 0,
  orders,
});

describe('report periods', () => {
  it('buckets by UTC day, ISO week from Monday, and month; lists empty periods too', () => {
    expect(bucketOf('2026-03-04T23:59:59.000Z', 'day')).toBe('2026-03-04T00:00:00.000Z');
    expect(bucketOf('2026-03-08T12:00:00.000Z', 'week')).toBe('2026-03-02T00:00:00.000Z'); // a Sunday → its Monday
    expect(bucketOf('2026-03-02T00:00:00.000Z', 'week')).toBe('2026-03-02T00:00:00.000Z');
    expect(bucketOf('2026-12-31T23:00:00.000Z', 'month')).toBe('2026-12-01T00:00:00.000Z');
    expect(bucketsBetween('2026-01-15T00:00:00.000Z', '2026-04-01T00:00:00.000Z', 'month')).toEqual([
      '2026-01-01T00:00:00.000Z',
      '2026-02-01T00:00:00.000Z',
      '2026-03-01T00:00:00.000Z',
    ]);
    expect(daysBefore('2026-03-01T10:00:00.000Z', '2026-03-03T09:00:00.000Z')).toBe(1);
    expect(daysBefore('2026-03-04T10:00:00.000Z', '2026-03-03T09:00:00.000Z')).toBe(0);
  });
});

describe('revenue rows from orders', () => {
  it('counts a sale when paid and its refund when refunded, each in its own period', () => {
    const rows = revenueRows(
      [order({ total: 5000, refunded: 2000, refundedAt: '2026-03-03T10:00:00.000Z', admissions: 2 }), order({ paidAt: '2026-03-03T11:00:00.000Z' })],
      '2026-03-01T00:00:00.000Z',
      '2026-03-04T00:00:00.000Z',
      'day',
    );
    expect(rows.map((r) => [r.periodStart.slice(0, 10), r.orders, r.tickets, r.gross, r.refunds, r.net])).toEqual([
      ['2026-03-01', 1, 2, 5000, 0, 5000],
      ['2026-03-02', 0, 0, 0, 0, 0],
      ['2026-03-03', 1, 1, 1000, 2000, -1000],
    ]);
  });
});

describe('velocity rows', () => {
  it('is cumulative by days before start, null for days still to come, against the mean of earlier events', () => {
    const event = facts('2026-03-10T20:00:00.000Z', [order({ paidAt: '2026-03-05T20:00:00.000Z', admissions: 3 })]);
    const a = facts('2026-02-10T20:00:00.000Z', [order({ paidAt: '2026-02-04T20:00:00.000Z', admissions: 2 }), order({ paidAt: '2026-02-10T10:00:00.000Z', admissions: 4 })]);
    const b = facts('2026-01-10T20:00:00.000Z', []);
    const rows = velocityRows(event, [a, b], '2026-03-07T20:00:00.000Z');
    expect(rows.map((r) => [r.daysBefore, r.tickets, r.earlierAverage])).toEqual([
      [6, 0, 1],
      [5, 3, 1],
      [4, 3, 1],
      [3, 3, 1],
      [2, null, 1],
      [1, null, 1],
      [0, null, 3],
    ]);
  });
});

describe('top customers', () => {
  it('ranks buyers by net spend across events, counting each event once', () => {
    const result = topCustomerRows(
      [
        facts('2026-03-10T20:00:00.000Z', [order({ buyerEmail: 'x@example.com', eventId: 'e1', total: 3000 }), order({ buyerEmail: 'y@example.com', eventId: 'e1', total: 4000, refunded: 4000, admissions: 0 })]),
        facts('2026-04-10T20:00:00.000Z', [order({ buyerEmail: 'x@example.com', eventId: 'e2', total: 500 }), order({ buyerEmail: 'x@example.com', eventId: 'e2', total: 500 })]),
      ],
      10,
    );
    expect(result).toEqual({
      customers: 2,
      repeatCustomers: 1,
      rows: [
        { email: 'x@example.com', currency: 'EUR', orders: 3, events: 2, tickets: 3, spent: 4000 },
        { email: 'y@example.com', currency: 'EUR', orders: 1, events: 1, tickets: 0, spent: 0 },
      ],
    });
  });
});

describe('report CSV', () => {
  it('writes the columns in order, null as empty, numbers as they are, text a spreadsheet would run with a leading apostrophe', () => {
    const csv = rowsToCsv([{ name: '=HYPERLINK("http://x")', n: -0.25, none: null, plain: 'a,b' }], ['name', 'n', 'none', 'plain']);
    expect(parse(csv)).toEqual([
      ['name', 'n', 'none', 'plain'],
      ["'=HYPERLINK(\"http://x\")", '-0.25', '', 'a,b'],
    ]);
  });
});
