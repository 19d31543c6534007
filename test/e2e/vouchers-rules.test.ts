import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import {
  availability,
  buy,
  countsOf,
  getOrder,
  givenPublishedEvent,
  givenTicketType,
  givenVoucher,
  hours,
  listAllOrders,
} from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenShop() {
  const event = await givenPublishedEvent(api.call);
  const ga = await givenTicketType(api.call, event.id, { name: 'GA', capacity: 50, price: { amount: 2000, currency: 'EUR' } });
  const vip = await givenTicketType(api.call, event.id, { name: 'VIP', capacity: 10, price: { amount: 8000, currency: 'EUR' } });
  return { event, ga, vip };
}

describe('voucher refusals: never a silent full price', () => {
  it('refuses an unknown, an expired and a not-applicable voucher with 422 and its own code, holding nothing', async () => {
    const { event, ga, vip } = await givenShop();
    await givenVoucher(api.call, event.id, { code: 'OLD-10', validFrom: hours(-48), validUntil: hours(-1), maxUsages: 5 });
    await givenVoucher(api.call, event.id, { code: 'VIP-ONLY', ticketTypeIds: [vip.id], maxUsages: 5 });

    const unknown = await buy(api.call, event.id, ga.id, { voucherCode: 'NOPE-99' });
    expect(unknown.status).toBe(422);
    expect(unknown.headers.get('content-type')).toBe('application/problem+json');
    expect(unknown.body.code).toBe('voucher_unknown');

    const expired = await buy(api.call, event.id, ga.id, { voucherCode: 'old-10' });
    expect(expired.status).toBe(422);
    expect(expired.body.code).toBe('voucher_expired');

    const notApplicable = await buy(api.call, event.id, ga.id, { voucherCode: 'VIP-ONLY' });
    expect(notApplicable.status).toBe(422);
    expect(notApplicable.body.code).toBe('voucher_not_applicable');

    expect((await listAllOrders(api.call, event.id)).items).toHaveLength(0);
    expect(countsOf(await availability(api.call, event.id), ga.id)).toMatchObject({ held: 0, sold: 0, available: 50 });
    const vipOnly = await api.call('GET', `/v1/events/${event.id}/vouchers/VIP-ONLY`);
    expect(vipOnly.body.remainingUsages).toBe(5);
  });
});

describe('voucher discounts', () => {
  it('takes a percentage off the covered lines only', async () => {
    const { event, ga, vip } = await givenShop();
    await givenVoucher(api.call, event.id, { code: 'GA25', kind: 'percent', percent: 25, ticketTypeIds: [ga.id], maxUsages: 10 });
    const res = await buy(
      api.call,
      event.id,
      [
        { ticketTypeId: ga.id, quantity: 2 },
        { ticketTypeId: vip.id, quantity: 1 },
      ],
      { voucherCode: 'ga25' },
    );
    expect(res.status).toBe(201);
    // GA 2 × 20.00 = 40.00 − 25 % = 30.00; VIP 80.00 untouched.
    expect(res.body).toMatchObject({
      status: 'pending',
      voucherCode: 'GA25',
      subtotal: { amount: 12000, currency: 'EUR' },
      discount: { amount: 1000, currency: 'EUR' },
      total: { amount: 11000, currency: 'EUR' },
    });
    const gaLine = res.body.lines.find((l: { ticketTypeId?: string }) => l.ticketTypeId === ga.id);
    const vipLine = res.body.lines.find((l: { ticketTypeId?: string }) => l.ticketTypeId === vip.id);
    expect(gaLine).toMatchObject({ quantity: 2, unitPrice: { amount: 2000 }, discount: { amount: 1000 }, total: { amount: 3000 } });
    expect(vipLine).toMatchObject({ quantity: 1, discount: { amount: 0 }, total: { amount: 8000 } });
    const voucher = await api.call('GET', `/v1/events/${event.id}/vouchers/GA25`);
    expect(voucher.body.remainingUsages).toBe(9);
  });

  it('takes a fixed amount off once per order, never below zero per line', async () => {
    const { event, ga } = await givenShop();
    await givenVoucher(api.call, event.id, { code: 'MINUS7', kind: 'fixed', amountOff: { amount: 700, currency: 'EUR' }, maxUsages: 10 });
    const res = await buy(api.call, event.id, ga.id, { voucherCode: 'Minus7', quantity: 3 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ subtotal: { amount: 6000 }, discount: { amount: 700 }, total: { amount: 5300 } });
  });

  it('makes a free order that is paid at once, with tickets and no payment', async () => {
    const { event, ga } = await givenShop();
    await givenVoucher(api.call, event.id, { code: 'GUEST', kind: 'free', maxUsages: 3 });
    const res = await buy(api.call, event.id, ga.id, { voucherCode: 'guest', quantity: 2 });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ status: 'paid', total: { amount: 0, currency: 'EUR' }, discount: { amount: 4000 } });
    expect(res.body.payment).toBeUndefined();

    const order = await getOrder(api.call, res.body.id);
    expect(order.status).toBe('paid');
    expect(order.tickets).toHaveLength(2);
    for (const t of order.tickets!) expect(t).toMatchObject({ ticketTypeId: ga.id, status: 'valid' });
    expect(countsOf(await availability(api.call, event.id), ga.id)).toMatchObject({ sold: 2, held: 0, available: 48 });
    const voucher = await api.call('GET', `/v1/events/${event.id}/vouchers/GUEST`);
    expect(voucher.body.remainingUsages).toBe(2);
  });
});
