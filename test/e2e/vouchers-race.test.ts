import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, givenVoucher, listAllOrders, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

const spellings = ['race-1', 'RACE-1', 'Race-1', 'rAcE-1', ' race-1 '];

describe('a single-use voucher raced by 20 buyers', () => {
  it('goes to exactly one order; the other 19 get 422 voucher_exhausted; cancel gives the usage back', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 100, price: { amount: 2000, currency: 'EUR' } });
    const voucher = await givenVoucher(api.call, event.id, { code: 'race-1', kind: 'percent', percent: 50, maxUsages: 1 });
    expect(voucher).toMatchObject({ code: 'RACE-1', maxUsages: 1, remainingUsages: 1 });

    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) => buy(api.call, event.id, type.id, { email: `vrace${i}@example.com`, voucherCode: spellings[i % spellings.length]! })),
    );

    expect(tally(results)).toEqual({ '201': 1, '422 voucher_exhausted': 19 });
    const winner = results.find((r) => r.status === 201)!.body;
    expect(winner).toMatchObject({ status: 'pending', voucherCode: 'RACE-1', total: { amount: 1000, currency: 'EUR' }, discount: { amount: 1000 } });

    const after = await api.call('GET', `/v1/events/${event.id}/vouchers/race-1`);
    expect(after.status).toBe(200);
    expect(after.body.remainingUsages).toBe(0);

    // Nobody else got in at full price: one order for the event, one held seat.
    const { items } = await listAllOrders(api.call, event.id);
    expect(items.map((o) => o.id)).toEqual([winner.id]);
    expect(items.filter((o) => o.voucherCode === 'RACE-1')).toHaveLength(1);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 1, sold: 0, available: 99 });

    const canceled = await api.call('POST', `/v1/orders/${winner.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    const givenBack = await api.call('GET', `/v1/events/${event.id}/vouchers/RACE-1`);
    expect(givenBack.body.remainingUsages).toBe(1);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ held: 0, sold: 0, available: 100 });

    // …and it can be used again.
    const again = await buy(api.call, event.id, type.id, { voucherCode: 'Race-1' });
    expect(again.status).toBe(201);
    expect(again.body.total.amount).toBe(1000);
  });

  it('a single-use FREE voucher raced by 5 buyers of 2 tickets: one free paid order, the other 4 get 422 voucher_exhausted', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 100 });
    await givenVoucher(api.call, event.id, { code: 'GUEST-1', kind: 'free', maxUsages: 1 });

    const results = await Promise.all(Array.from({ length: 5 }, (_, i) => buy(api.call, event.id, type.id, { email: `vfree${i}@example.com`, voucherCode: 'guest-1', quantity: 2 })));

    expect(tally(results)).toEqual({ '201': 1, '422 voucher_exhausted': 4 });
    expect(results.find((r) => r.status === 201)!.body).toMatchObject({ status: 'paid', total: { amount: 0 } });
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ sold: 2, held: 0, available: 98 });
    expect((await api.call('GET', `/v1/events/${event.id}/vouchers/GUEST-1`)).body.remainingUsages).toBe(0);
  });
});
