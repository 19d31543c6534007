import { afterEach, describe, expect, it } from 'vitest';
import { handler as tableCrm } from '#functions/consumers/table-crm.ts';
import { handler as noShowJob } from '#functions/jobs/table-no-shows.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { advanceClock } from '../support/clock.ts';
import { hours } from '../support/fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPublishedEvent } from '../support/sales-fixtures.ts';

const api = useTestApi();
let clock: { restore: () => void } | null = null;
afterEach(() => {
  clock?.restore();
  clock = null;
});

const published = (detailType: string, bookingId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === detailType && (e.detail as { data?: { bookingId?: string } }).data?.bookingId === bookingId);

async function givenTable(eventId: string, over: Record<string, unknown> = {}) {
  const res = await api.call('POST', `/v1/events/${eventId}/tables`, {
    body: {
      name: `Booth ${newId().slice(-4)}`,
      minParty: 2,
      maxParty: 8,
      minimumSpend: { amount: 50000, currency: 'EUR' },
      deposit: { kind: 'fixed', amount: { amount: 15000, currency: 'EUR' } },
      refundableUntil: hours(24),
      arrivalCutoff: hours(49),
      ...over,
    },
  });
  expect(res.status).toBe(201);
  return res.body as { id: string; available: boolean };
}

async function book(eventId: string, tableId: string, email: string) {
  const res = await api.call('POST', '/v1/table-bookings', { role: null, body: { eventId, tableId, partySize: 4, booker: { name: 'Lia Mar Soto', email } } });
  expect(res.status).toBe(201);
  return res.body as { id: string; status: string };
}

async function payDeposit(bookingId: string) {
  const intent = await api.call('POST', `/v1/table-bookings/${bookingId}/deposit`, { role: null });
  expect(intent.status).toBe(200);
  expect((await api.call('POST', `/dev/stripe/payment_intents/${intent.body.paymentIntentId}/succeed`, { role: null })).status).toBe(200);
  const confirmed = await api.call('POST', `/v1/table-bookings/${bookingId}/deposit/confirm`, { role: null });
  expect(confirmed.body.status).toBe('deposit_paid');
}

async function contactsOf(email: string) {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  return res.body.items as Array<{ id: string; email: string; leadSource?: string }>;
}

describe('VIP table bookers in the CRM', () => {
  it('the booker becomes one contact (lead source table_booking) with a line for the booking and its settlement, redeliveries included', async () => {
    const event = await givenPublishedEvent(api.call);
    const table = await givenTable(event.id);
    const email = `booker-${newId().toLowerCase()}@example.com`;
    const booking = await book(event.id, table.id, email);
    await payDeposit(booking.id);
    await api.bus.drain();

    // table.booked delivered again, twice at once, and once more under another bus id (a re-published event).
    const booked = published('table.booked', booking.id);
    expect(booked).toHaveLength(1);
    await Promise.all([tableCrm(booked[0] as never, {} as never), tableCrm(booked[0] as never, {} as never), tableCrm({ ...booked[0], id: 'another-delivery' } as never, {} as never)]);

    expect((await api.call('POST', `/v1/table-bookings/${booking.id}/arrive`)).body.status).toBe('arrived');
    await api.call('POST', `/v1/table-bookings/${booking.id}/spend`, { body: { amount: { amount: 20000, currency: 'EUR' } } });
    expect((await api.call('POST', `/v1/table-bookings/${booking.id}/settle`)).body.status).toBe('settled');
    await api.bus.drain();
    const settled = published('table.settled', booking.id);
    expect(settled).toHaveLength(1);
    await tableCrm(settled[0] as never, {} as never);

    const contacts = await contactsOf(email);
    expect(contacts).toHaveLength(1);
    expect(contacts[0]).toMatchObject({ email, leadSource: 'table_booking' });
    const timeline = await api.call('GET', `/v1/contacts/${contacts[0]!.id}/timeline`);
    const lines = (timeline.body.items as Array<{ kind: string; summary: string; ref: { type: string; id: string } | null }>).filter((i) => i.kind.startsWith('table.'));
    expect(lines.map((i) => i.kind).sort()).toEqual(['table.booked', 'table.settled']);
    expect(lines.every((i) => i.ref?.type === 'table_booking' && i.ref.id === booking.id)).toBe(true);
    // Spend 200 + deposit 150 < minimum 500: the settlement line names the shortfall.
    expect(lines.find((i) => i.kind === 'table.settled')!.summary).toContain('shortfall EUR 150.00');

    // A second booking by the same person: still one contact, which keeps its lead source.
    const other = await givenTable(event.id);
    const again = await book(event.id, other.id, email.toUpperCase());
    await payDeposit(again.id);
    await api.bus.drain();
    const still = await contactsOf(email);
    expect(still.map((c) => c.id)).toEqual([contacts[0]!.id]);
    const more = await api.call('GET', `/v1/contacts/${contacts[0]!.id}/timeline`);
    expect((more.body.items as Array<{ kind: string }>).filter((i) => i.kind === 'table.booked')).toHaveLength(2);
  });
});

describe('the no-show job', () => {
  it('marks overdue bookings no_show once — run twice and racing the staff route — and leaves one before its cut-off alone', async () => {
    const event = await givenPublishedEvent(api.call);
    const [paidTable, unpaidTable, laterTable] = await Promise.all([givenTable(event.id), givenTable(event.id), givenTable(event.id, { arrivalCutoff: hours(100) })]);
    const paid = await book(event.id, paidTable.id, `paid-${newId().toLowerCase()}@example.com`);
    await payDeposit(paid.id);
    const unpaid = await book(event.id, unpaidTable.id, `unpaid-${newId().toLowerCase()}@example.com`);
    expect(unpaid.status).toBe('approved');
    const later = await book(event.id, laterTable.id, `later-${newId().toLowerCase()}@example.com`);
    await payDeposit(later.id);

    // Before any cut-off the job touches nothing.
    await noShowJob();
    for (const b of [paid, unpaid, later]) expect((await api.call('GET', `/v1/table-bookings/${b.id}`)).body.status).not.toBe('no_show');

    clock = advanceClock(50 * 3600_000);
    const [, , staff] = await Promise.all([noShowJob(), noShowJob(), api.call('POST', `/v1/table-bookings/${paid.id}/no-show`)]);
    expect([200, 409]).toContain(staff.status);
    await noShowJob();
    await api.bus.drain();

    const paidAfter = (await api.call('GET', `/v1/table-bookings/${paid.id}`)).body;
    expect(paidAfter).toMatchObject({ status: 'no_show', depositKept: { amount: 15000, currency: 'EUR' } });
    expect(paidAfter.depositRefundId).toBeUndefined();
    const paidClosed = published('table.settled', paid.id);
    expect(paidClosed).toHaveLength(1);
    expect((paidClosed[0]!.detail as { data: unknown }).data).toMatchObject({ outcome: 'no_show', depositKept: { amount: 15000, currency: 'EUR' } });

    expect((await api.call('GET', `/v1/table-bookings/${unpaid.id}`)).body).toMatchObject({ status: 'no_show', depositKept: { amount: 0, currency: 'EUR' } });
    expect(published('table.settled', unpaid.id)).toHaveLength(1);

    // Past its own cut-off only at +100 h: still booked, its table still taken.
    expect((await api.call('GET', `/v1/table-bookings/${later.id}`)).body.status).toBe('deposit_paid');
    expect(published('table.settled', later.id)).toHaveLength(0);
    const tables = (await api.call('GET', `/v1/events/${event.id}/tables`, { role: null })).body.items as Array<{ id: string; available: boolean }>;
    expect(Object.fromEntries(tables.map((t) => [t.id, t.available]))).toEqual({ [paidTable.id]: true, [unpaidTable.id]: true, [laterTable.id]: false });

    // The sparse index kept only the open booking: closed ones left it with their transition, so no run reads them again.
    const open = await Promise.all((['approved', 'deposit_paid'] as const).map((status) => db().entities.tableBooking.query.openByCutoff({ status }).go({ pages: 'all' })));
    const indexed = open.flatMap((r) => r.data.map((b) => b.bookingId));
    expect(indexed).toContain(later.id);
    expect(indexed).not.toContain(paid.id);
    expect(indexed).not.toContain(unpaid.id);

    // The released table sells again... only until its own cut-off, which has passed: the resale refusal is the table's, not a stale hold.
    const resale = await api.call('POST', '/v1/table-bookings', { role: null, body: { eventId: event.id, tableId: paidTable.id, partySize: 4, booker: { name: 'Late Comer', email: `late-${newId().toLowerCase()}@example.com` } } });
    expect(resale.body.code).toBe('booking_closed');
  });
});
