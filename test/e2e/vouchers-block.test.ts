import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { availability, buy, countsOf, givenPublishedEvent, givenTicketType, givenVoucher, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('a voucher with blockedSeats (block_quota)', () => {
  it('keeps 4 of 10 seats for its holders: the public gets 6, holders still get their 4', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10 });
    const voucher = await givenVoucher(api.call, event.id, {
      code: 'CREW',
      kind: 'percent',
      percent: 10,
      maxUsages: 4,
      blockedSeats: 4,
      blockedTicketTypeId: type.id,
    });
    expect(voucher).toMatchObject({ blockedSeats: 4, blockedTicketTypeId: type.id, remainingUsages: 4 });
    // The block leaves the public pool at once.
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ capacity: 10, available: 6 });

    // 12 public buyers and 4 holders, all at once.
    const publicBuys = Array.from({ length: 12 }, (_, i) => buy(api.call, event.id, type.id, { email: `public${i}@example.com` }));
    const holderBuys = Array.from({ length: 4 }, (_, i) => buy(api.call, event.id, type.id, { email: `crew${i}@example.com`, voucherCode: 'crew' }));
    const [publicResults, holderResults] = await Promise.all([Promise.all(publicBuys), Promise.all(holderBuys)]);

    expect(tally(publicResults)).toEqual({ '201': 6, '409 sold_out': 6 });
    expect(tally(holderResults)).toEqual({ '201': 4 });
    for (const r of holderResults) expect(r.body).toMatchObject({ voucherCode: 'CREW', total: { amount: 2250 } });

    const counts = countsOf(await availability(api.call, event.id), type.id);
    expect(counts.available).toBe(0);
    expect(counts.capacity).toBe(10);
    expect(counts.sold + counts.held + counts.available).toBe(counts.capacity);

    // Sold out for everyone now; the voucher is used up too.
    const late = await buy(api.call, event.id, type.id);
    expect(late.status).toBe(409);
    expect(late.body.code).toBe('sold_out');
    expect((await api.call('GET', `/v1/events/${event.id}/vouchers/CREW`)).body.remainingUsages).toBe(0);
  });

  it('lets a holder buy from the block after the public sold out', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 10 });
    await givenVoucher(api.call, event.id, { code: 'BAND', maxUsages: 2, blockedSeats: 4, blockedTicketTypeId: type.id });

    const six = await buy(api.call, event.id, type.id, { quantity: 6 });
    expect(six.status).toBe(201);
    const more = await buy(api.call, event.id, type.id);
    expect(more.status).toBe(409);
    expect(more.body.code).toBe('sold_out');

    const holder = await buy(api.call, event.id, type.id, { voucherCode: 'band', quantity: 3 });
    expect(holder.status).toBe(201);
    const second = await buy(api.call, event.id, type.id, { voucherCode: 'BAND', quantity: 1 });
    expect(second.status).toBe(201);
    expect(countsOf(await availability(api.call, event.id), type.id)).toMatchObject({ capacity: 10, available: 0 });
  });
});
