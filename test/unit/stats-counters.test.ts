import { describe, expect, it } from 'vitest';
import {
  addExpression,
  arrivalBucket,
  bucketStart,
  checkInDeltas,
  paidDeltas,
  refundDeltas,
  statsView,
  sumShards,
} from '#packages/features/stats/counters.ts';
import { EventStats } from '#packages/features/stats/contract.ts';

const scan = { type: 'entry' as const, duplicate: false, listId: 'L1', ticketTypeId: 'T1', scannedAt: '2026-12-31T21:34:59.999Z' };

describe('stats counters', () => {
  it('buckets scans per 5 minutes in UTC, whatever the offset, and back', () => {
    expect(arrivalBucket('2026-12-31T21:30:00.000Z')).toBe('202612312130');
    expect(arrivalBucket('2026-12-31T21:34:59.999Z')).toBe('202612312130');
    expect(arrivalBucket('2026-12-31T21:35:00.000Z')).toBe('202612312135');
    expect(arrivalBucket('2027-01-01T00:04:00+01:00')).toBe('202612312300');
    expect(bucketStart('202612312130')).toBe('2026-12-31T21:30:00.000Z');
    expect(() => arrivalBucket('nope')).toThrow();
  });

  it('an entry adds to total, inside, list, type and arrivals; an exit moves inside; a duplicate adds nothing', () => {
    expect(checkInDeltas(scan)).toEqual({ checkedIn: 1, inside: 1, list_L1: 1, type_T1: 1, arr_202612312130: 1 });
    expect(checkInDeltas({ ...scan, type: 'exit' })).toEqual({ inside: -1, exits: 1 });
    expect(checkInDeltas({ ...scan, duplicate: true })).toEqual({});
    expect(addExpression({})).toBeNull();
  });

  it('builds one ADD with placeholders for every counter', () => {
    expect(addExpression({ checkedIn: 1, inside: -1, zero: 0 })).toEqual({
      UpdateExpression: 'ADD #c0 :c0, #c1 :c1',
      ExpressionAttributeNames: { '#c0': 'c_checkedIn', '#c1': 'c_inside' },
      ExpressionAttributeValues: { ':c0': 1, ':c1': -1 },
    });
  });

  it('sales: paid adds tickets and revenue; any refund takes its amount off; a full one its tickets too', () => {
    expect(paidDeltas({ admissions: 2, total: { amount: 5000, currency: 'EUR' } })).toEqual({ ticketsSold: 2, rev_EUR: 5000 });
    expect(refundDeltas({ admissions: 2, full: false, amount: { amount: 1000, currency: 'EUR' } })).toEqual({ rev_EUR: -1000 });
    expect(refundDeltas({ admissions: 2, full: true, amount: { amount: 4000, currency: 'EUR' } })).toEqual({ rev_EUR: -4000, ticketsSold: -2 });
  });

  it('merges shards: sums c_* numbers only, sorts lists, types and arrivals, one revenue per currency', () => {
    const shards = [
      { pk: 'x', sk: 'y', __edb_e__: 'statsShard', eventId: 'E', shard: 3, c_checkedIn: 2, c_inside: 2, c_list_L2: 1, c_list_L1: 1, c_type_T1: 2, c_arr_202612312135: 1, c_arr_202612312130: 1, c_ticketsSold: 5, c_rev_EUR: 100 },
      { c_checkedIn: 1, c_inside: 0, c_exits: 1, c_list_L1: 1, c_type_T2: 1, c_arr_202612312130: 1, c_rev_USD: 7, c_rev_EUR: 50, c_type_T3: 0 },
      {},
    ];
    const totals = sumShards(shards);
    expect(totals).toMatchObject({ checkedIn: 3, inside: 2, exits: 1, list_L1: 2, list_L2: 1, ticketsSold: 5 });
    const view = statsView('01JD0000000000000000000001', totals, '2026-12-31T22:00:00.000Z');
    expect(view).toEqual({
      eventId: '01JD0000000000000000000001',
      ticketsSold: 5,
      revenue: [{ amount: 150, currency: 'EUR' }, { amount: 7, currency: 'USD' }],
      checkedIn: {
        total: 3,
        byList: [{ listId: 'L1', count: 2 }, { listId: 'L2', count: 1 }],
        byTicketType: [{ ticketTypeId: 'T1', count: 2 }, { ticketTypeId: 'T2', count: 1 }],
      },
      insideNow: 2,
      exits: 1,
      arrivals: [{ bucketStart: '2026-12-31T21:30:00.000Z', count: 2 }, { bucketStart: '2026-12-31T21:35:00.000Z', count: 1 }],
      computedAt: '2026-12-31T22:00:00.000Z',
    });
    expect(EventStats.safeParse(view).success).toBe(true);
  });

  it('an exit or refund seen before its entry or sale shows as zero, not negative', () => {
    const view = statsView('01JD0000000000000000000001', { inside: -1, exits: 1, ticketsSold: -2, rev_EUR: -10 }, '2026-12-31T22:00:00.000Z');
    expect(view).toMatchObject({ insideNow: 0, ticketsSold: 0, revenue: [{ amount: 0, currency: 'EUR' }] });
  });
});
