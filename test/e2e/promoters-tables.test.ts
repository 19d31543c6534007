import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { handler as promoterLedger } from '#functions/consumers/promoter-ledger.ts';
import { hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPlan, givenPromoter, ledgerOf, paidVia, sum } from '../support/promoter-fixtures.ts';
import { getOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

/** A table whose booking goes approved → deposit paid → arrived → spend → settled; returns the settled booking. */
async function bookAndSettle(eventId: string, body: Record<string, unknown>, spend: number) {
  const table = await api.call('POST', `/v1/events/${eventId}/tables`, {
    body: { name: 'Booth 7', minParty: 2, maxParty: 8, minimumSpend: { amount: 80000, currency: 'EUR' }, deposit: { kind: 'fixed', amount: { amount: 20000, currency: 'EUR' } }, refundableUntil: hours(24), arrivalCutoff: hours(49) },
  });
  expect(table.status).toBe(201);
  const booked = await api.call('POST', '/v1/table-bookings', { role: null, body: { eventId, tableId: table.body.id, partySize: 4, booker: { name: 'Lia Soto', email: `lia+${Date.now()}${Math.random()}@example.com` }, ...body } });
  if (booked.status !== 201) return booked;
  const id = booked.body.id;
  const intent = await api.call('POST', `/v1/table-bookings/${id}/deposit`, { role: null });
  await api.call('POST', `/dev/stripe/payment_intents/${intent.body.paymentIntentId}/succeed`, { role: null });
  expect((await api.call('POST', `/v1/table-bookings/${id}/deposit/confirm`, { role: null })).body.status).toBe('deposit_paid');
  expect((await api.call('POST', `/v1/table-bookings/${id}/arrive`)).status).toBe(200);
  await api.call('POST', `/v1/table-bookings/${id}/spend`, { body: { amount: { amount: spend, currency: 'EUR' } } });
  const settled = await api.call('POST', `/v1/table-bookings/${id}/settle`);
  expect(settled.status).toBe(200);
  return settled;
}

describe('commission rules scoped to tables', () => {
  it('a table booking by a promoter earns the table rules (rate of what the table brought, fixed per booking, leader override), frozen at booking; ticket rules do not apply', async () => {
    const event = await givenPublishedEvent(api.call);
    const plan = await givenPlan(api.call, {
      leaderOverrideBps: 100,
      rules: [
        { ruleId: 'tickets', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 1000 },
        { ruleId: 'table-pct', scope: 'table', basis: 'percent_of_net', rateBps: 500 },
        { ruleId: 'table-fixed', scope: 'table', basis: 'fixed_per_ticket', amount: { amount: 1500, currency: 'EUR' } },
      ],
    });
    const leader = await givenPromoter(api.call, { planId: plan.id });
    const { promoter } = await givenPromoter(api.call, { planId: plan.id, leaderId: leader.promoter.id });

    const unknown = await bookAndSettle(event.id, { promoterCode: 'NOBODY-HERE' }, 0);
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('promoter_unknown');

    // Spend 50,000 + deposit 20,000 < minimum 80,000: shortfall 10,000; the table brought 80,000.
    const settled = await bookAndSettle(event.id, { promoterCode: promoter.code.toLowerCase() }, 50000);
    expect(settled.body).toMatchObject({ promoterCode: promoter.code, shortfall: { amount: 10000 } });
    // A later plan change does not reach the booking's frozen terms.
    await api.call('PATCH', `/v1/promoters/${promoter.id}`, { body: { planId: (await givenPlan(api.call)).id } });
    await settle();
    const lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.bookingId === settled.body.id);
    expect(lines.map((l) => [l.ruleId, l.kind, l.amount]).sort()).toEqual([
      ['table-fixed', 'table', 1500],
      ['table-pct', 'table', 4000],
    ]);
    const leaderLines = (await ledgerOf(api.call, leader.promoter.id)).filter((l) => l.bookingId === settled.body.id);
    expect(leaderLines.map((l) => [l.kind, l.amount])).toEqual([['leader_override', 800]]);

    // A redelivered table.settled writes nothing new.
    const redelivery = api.bus.recent.find((e) => e['detail-type'] === 'table.settled' && (e.detail as { data: { bookingId: string } }).data.bookingId === settled.body.id)!;
    await promoterLedger(redelivery as never, {} as never);
    expect((await ledgerOf(api.call, promoter.id)).filter((l) => l.bookingId === settled.body.id)).toHaveLength(2);
  });
});

describe('per-check-in commission and refunds', () => {
  it('a full refund adds one negative line per per-check-in line, whichever the consumers see first; re-scans never earn', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 50, price: { amount: 2000, currency: 'EUR' } });
    const plan = await givenPlan(api.call, {
      rules: [
        { ruleId: 'pct', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 1000 },
        { ruleId: 'door', scope: 'ticket_type', basis: 'per_check_in', amount: { amount: 75, currency: 'EUR' } },
      ],
    });
    const { promoter } = await givenPromoter(api.call, { planId: plan.id });
    const order = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 3 });
    await settle();
    const tickets = (await getOrder(api.call, order.id)).tickets!;
    const scan = (code: string, deviceId: string) => api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code, deviceId } });
    expect((await scan(tickets[0]!.code, 'gate-1')).status).toBe(201);
    expect((await scan(tickets[1]!.code, 'gate-1')).status).toBe(201);
    expect((await scan(tickets[1]!.code, 'gate-2')).status).toBe(409);
    await settle();
    let lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines.filter((l) => l.kind === 'check_in').map((l) => l.amount)).toEqual([75, 75]);

    expect((await api.call('POST', `/v1/orders/${order.id}/refund`, { body: {} })).status).toBe(200);
    await settle();
    lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines.filter((l) => l.kind === 'check_in_refund').map((l) => l.amount)).toEqual([-75, -75]);
    expect(sum(lines)).toBe(0);

    // The check-in event delivered again after the refund (at least once, any order): nothing new, still zero.
    const again = api.bus.recent.filter((e) => ['ticket.checked_in', 'order.refunded'].includes(e['detail-type']) && (e.detail as { data: { orderId: string } }).data.orderId === order.id);
    expect(again).toHaveLength(3);
    await Promise.all(again.map((e) => promoterLedger(e as never, {} as never)));
    lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines).toHaveLength(6);
    expect(sum(lines)).toBe(0);

    // A check-in the ledger learns of only after the refund (the third ticket's, scanned offline before it): earned and reversed at once.
    const late = structuredClone(again.find((e) => e['detail-type'] === 'ticket.checked_in')!) as { id: string; detail: { metadata: { id: string }; data: { ticketId: string } } };
    late.id = `late-${order.id}`;
    late.detail.metadata.id = ulid();
    late.detail.data.ticketId = tickets[2]!.id;
    await promoterLedger(late as never, {} as never);
    lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines.filter((l) => l.cause.endsWith(tickets[2]!.id)).map((l) => [l.kind, l.amount])).toEqual([
      ['check_in', 75],
      ['check_in_refund', -75],
    ]);
    expect(sum(lines)).toBe(0);
  });
});
