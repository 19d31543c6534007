import { afterEach, describe, expect, it } from 'vitest';
import { advanceClock } from '../support/clock.ts';
import { hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPublishedEvent, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();
let clock: { restore: () => void } | null = null;
afterEach(() => {
  clock?.restore();
  clock = null;
});

/** The table events the bus carried for one booking. */
const published = (detailType: string, bookingId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === detailType && (e.detail as { data?: { bookingId?: string } }).data?.bookingId === bookingId);

const booker = { name: 'Ada Vega', email: 'ada@example.com', phone: '+34600000000' };

async function givenTable(over: Record<string, unknown> = {}) {
  const event = await givenPublishedEvent(api.call);
  const res = await api.call('POST', `/v1/events/${event.id}/tables`, {
    body: {
      name: 'Booth 1',
      minParty: 4,
      maxParty: 8,
      minimumSpend: { amount: 80000, currency: 'EUR' },
      deposit: { kind: 'percent', percent: 25 },
      refundableUntil: hours(24),
      arrivalCutoff: hours(49),
      ...over,
    },
  });
  expect(res.status).toBe(201);
  return { event, table: res.body };
}

async function book(eventId: string, tableId: string, partySize = 6) {
  return api.call('POST', '/v1/table-bookings', { role: null, body: { eventId, tableId, partySize, booker } });
}

/** approved → deposit_paid through the Stripe stand-in: the intent, the customer's payment, the confirmation. */
async function payDeposit(bookingId: string) {
  const intent = await api.call('POST', `/v1/table-bookings/${bookingId}/deposit`, { role: null });
  expect(intent.status).toBe(200);
  const paid = await api.call('POST', `/dev/stripe/payment_intents/${intent.body.paymentIntentId}/succeed`, { role: null });
  expect(paid.status).toBe(200);
  const confirmed = await api.call('POST', `/v1/table-bookings/${bookingId}/deposit/confirm`, { role: null });
  expect(confirmed.status).toBe(200);
  return confirmed.body;
}

describe('VIP tables', () => {
  it('a booking through approval, deposit, arrival, spend and settlement: shortfall = max(0, minimum − spend − deposit)', async () => {
    const { event, table } = await givenTable({ requiresApproval: true });
    expect(table).toMatchObject({ deposit: { kind: 'percent', percent: 25 }, available: true });
    const booked = await book(event.id, table.id);
    expect(booked.status).toBe(201);
    expect(booked.body).toMatchObject({ status: 'requested', deposit: { amount: 20000, currency: 'EUR' }, spend: { amount: 0, currency: 'EUR' } });
    const id = booked.body.id;

    // Not before approval; not confirmed before it is paid.
    expect((await api.call('POST', `/v1/table-bookings/${id}/deposit`, { role: null })).body.code).toBe('invalid_transition');
    expect((await api.call('POST', `/v1/table-bookings/${id}/approve`)).body.status).toBe('approved');
    const intent = await api.call('POST', `/v1/table-bookings/${id}/deposit`, { role: null });
    expect(intent.body.amount).toEqual({ amount: 20000, currency: 'EUR' });
    const early = await api.call('POST', `/v1/table-bookings/${id}/deposit/confirm`, { role: null });
    expect(early.status).toBe(409);
    expect(early.body.code).toBe('deposit_not_paid');
    await api.call('POST', `/dev/stripe/payment_intents/${intent.body.paymentIntentId}/succeed`, { role: null });
    const confirmed = await api.call('POST', `/v1/table-bookings/${id}/deposit/confirm`, { role: null });
    expect(confirmed.body).toMatchObject({ status: 'deposit_paid', depositPaymentIntentId: intent.body.paymentIntentId });
    // The order webhook left the deposit's intent alone: no order, no anomaly, nothing to retry.
    const again = await api.call('POST', `/v1/table-bookings/${id}/deposit/confirm`, { role: null });
    expect(again.body.status).toBe('deposit_paid');

    expect((await api.call('POST', `/v1/table-bookings/${id}/spend`, { body: { amount: { amount: 100, currency: 'EUR' } } })).body.code).toBe('invalid_transition');
    expect((await api.call('POST', `/v1/table-bookings/${id}/arrive`)).body.status).toBe('arrived');
    const spendOnce = { body: { amount: { amount: 30000, currency: 'EUR' } }, headers: { 'idempotency-key': `bar-${id}-1` } };
    await api.call('POST', `/v1/table-bookings/${id}/spend`, spendOnce);
    const replay = await api.call('POST', `/v1/table-bookings/${id}/spend`, spendOnce);
    expect(replay.headers.get('idempotent-replayed')).toBe('true');
    const spent = await api.call('POST', `/v1/table-bookings/${id}/spend`, { body: { amount: { amount: 20000, currency: 'EUR' } } });
    expect(spent.body.spend).toEqual({ amount: 50000, currency: 'EUR' });

    const settled = await api.call('POST', `/v1/table-bookings/${id}/settle`);
    expect(settled.status).toBe(200);
    expect(settled.body).toMatchObject({ status: 'settled', shortfall: { amount: 10000, currency: 'EUR' } });
    expect(published('table.booked', id)).toHaveLength(1);
    const [closed] = published('table.settled', id);
    expect((closed!.detail as { data: unknown }).data).toMatchObject({ outcome: 'settled', spend: { amount: 50000 }, shortfall: { amount: 10000 }, depositKept: { amount: 0 } });
    expect((await api.call('POST', `/v1/table-bookings/${id}/settle`)).status).toBe(409);
    const listed = await api.call('GET', `/v1/events/${event.id}/table-bookings`);
    expect(listed.body.items.map((b: { id: string; status: string }) => `${b.id}:${b.status}`)).toEqual([`${id}:settled`]);
  });

  it('one table, 20 bookers at once: one booking, 19 × 409 table_taken; party size is checked', async () => {
    const { event, table } = await givenTable();
    expect((await book(event.id, table.id, 2)).body.code).toBe('party_size');
    const answers = await Promise.all(Array.from({ length: 20 }, () => book(event.id, table.id)));
    expect(tally(answers)).toEqual({ '201': 1, '409 table_taken': 19 });
    const tables = await api.call('GET', `/v1/events/${event.id}/tables`, { role: null });
    expect(tables.body.items[0].available).toBe(false);
  });

  it('a no-show keeps the deposit exactly once and releases the table for resale', async () => {
    const { event, table } = await givenTable({ deposit: { kind: 'fixed', amount: { amount: 15000, currency: 'EUR' } } });
    const booked = await book(event.id, table.id);
    await payDeposit(booked.body.id);
    const tooEarly = await api.call('POST', `/v1/table-bookings/${booked.body.id}/no-show`);
    expect(tooEarly.status).toBe(422);
    expect(tooEarly.body.code).toBe('arrival_cutoff_not_passed');

    clock = advanceClock(50 * 3600_000);
    const late = await api.call('POST', `/v1/table-bookings/${booked.body.id}/arrive`);
    expect(late.body.code).toBe('arrival_cutoff_passed');
    const marks = await Promise.all(Array.from({ length: 5 }, () => api.call('POST', `/v1/table-bookings/${booked.body.id}/no-show`)));
    expect(tally(marks)).toEqual({ '200': 1, '409 invalid_transition': 4 });
    const after = await api.call('GET', `/v1/table-bookings/${booked.body.id}`);
    expect(after.body).toMatchObject({ status: 'no_show', depositKept: { amount: 15000, currency: 'EUR' } });
    expect(after.body.depositRefundId).toBeUndefined();
    const closed = published('table.settled', booked.body.id);
    expect(closed).toHaveLength(1);
    expect((closed[0]!.detail as { data: unknown }).data).toMatchObject({ outcome: 'no_show', depositKept: { amount: 15000, currency: 'EUR' } });
    // Canceling it now refunds nothing and changes nothing.
    expect((await api.call('POST', `/v1/table-bookings/${booked.body.id}/cancel`)).status).toBe(409);
    const tables = await api.call('GET', `/v1/events/${event.id}/tables`, { role: null });
    expect(tables.body.items[0].available).toBe(true);
  });

  it('canceled before the refundable time: deposit refunded once; after it: kept; the table is released both times', async () => {
    const { event, table } = await givenTable();
    const first = await book(event.id, table.id);
    await payDeposit(first.body.id);
    const canceled = await api.call('POST', `/v1/table-bookings/${first.body.id}/cancel`);
    expect(canceled.status).toBe(200);
    expect(canceled.body.status).toBe('canceled');
    expect(canceled.body.depositRefundId).toMatch(/^re_/);
    expect(canceled.body.depositKept).toBeUndefined();
    const repeat = await api.call('POST', `/v1/table-bookings/${first.body.id}/cancel`);
    expect(repeat.body.depositRefundId).toBe(canceled.body.depositRefundId);

    const second = await book(event.id, table.id);
    expect(second.status).toBe(201);
    await payDeposit(second.body.id);
    clock = advanceClock(25 * 3600_000);
    const kept = await api.call('POST', `/v1/table-bookings/${second.body.id}/cancel`);
    expect(kept.body).toMatchObject({ status: 'canceled', depositKept: { amount: 20000, currency: 'EUR' } });
    expect(kept.body.depositRefundId).toBeUndefined();
    expect((await book(event.id, table.id)).status).toBe(201);
  });
});
