import type { EntityItem } from 'electrodb';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { tableBookingEntity } from '#packages/core/db/entities/table-booking.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { loadEvent } from '#packages/features/events/index.ts';
import { attributeTableBooking } from '#packages/features/promoters/index.ts';
import type { CreateTableBookingInput, TableBookingView } from './contract.ts';
import { depositOf, loadTable } from './table-service.ts';

export type BookingItem = EntityItem<typeof tableBookingEntity>;
type Status = BookingItem['status'];
export type Ctx = Pick<RequestContext, 'correlationId'>;

export function toBookingView(b: BookingItem): TableBookingView {
  const { bookingId, spend, promoter, ...rest } = b;
  const code = (promoter as { code?: string } | undefined)?.code;
  return { id: bookingId, ...rest, spend: { amount: spend, currency: b.minimumSpend.currency }, ...(code ? { promoterCode: code } : {}) };
}

export async function loadBooking(bookingId: string, consistent = true): Promise<BookingItem> {
  const { data } = await db().entities.tableBooking.get({ bookingId }).go({ consistent });
  if (!data) throw notFound('Table booking', bookingId);
  return data;
}

export const summary = (b: BookingItem) => ({
  bookingId: b.bookingId,
  eventId: b.eventId,
  tableId: b.tableId,
  status: b.status,
  partySize: b.partySize,
  booker: b.booker,
  minimumSpend: b.minimumSpend,
  deposit: b.deposit,
});

export const refused = (b: BookingItem, to: string) =>
  conflict('invalid_transition', `A ${b.status.replace('_', '-')} table booking cannot become ${to}`, { bookingStatus: b.status });

/** The table released for resale, only if this booking still holds it. */
export const releaseTable = (entities: TransactionEntities, b: BookingItem): TransactionItem =>
  entities.vipTable
    .patch({ eventId: b.eventId, tableId: b.tableId })
    .remove(['currentBookingId'])
    .where((a, op) => op.eq(a.currentBookingId, b.bookingId))
    .commit();

/**
 * One state change: the booking's update conditioned on the state it was
 * read in (so a concurrent or repeated change happens once), with whatever
 * else commits with it and its domain events.
 */
export async function move(
  b: BookingItem,
  to: Status,
  set: Partial<BookingItem>,
  options: { also?: (e: TransactionEntities) => TransactionItem[]; events?: (next: BookingItem) => Parameters<typeof transactWithEvents>[1] } = {},
): Promise<BookingItem> {
  const at = nowIso();
  const next: BookingItem = { ...b, ...set, status: to, updatedAt: at };
  const tx = namedTransaction<'booking' | 'also'>();
  tx.add(
    'booking',
    tx.entities.tableBooking
      .patch({ bookingId: b.bookingId })
      // arrivalCutoff rewritten as it is: the sparse `openByCutoff` index is re-evaluated with the status.
      .set({ ...set, status: to, arrivalCutoff: b.arrivalCutoff, updatedAt: at })
      .where((a, op) => `${op.eq(a.status, b.status)} AND ${op.eq(a.spend, b.spend)}`)
      .commit(),
  ).add('also', ...(options.also?.(tx.entities) ?? []));
  const result = await transactWithEvents(() => tx.items, options.events?.(next) ?? []);
  if (result.canceled) {
    const now = await loadBooking(b.bookingId);
    throw refused(now, to);
  }
  return next;
}

/**
 * A table is given to one booking at a time: the booking and the table's
 * `currentBookingId` (put only if absent) commit together, so two bookers
 * racing for one table get one booking and one 409 `table_taken`.
 */
export async function bookTable(input: CreateTableBookingInput): Promise<TableBookingView> {
  const [event, table] = await Promise.all([loadEvent(input.eventId), loadTable(input.eventId, input.tableId)]);
  if (event.status !== 'published') throw unprocessable('event_not_on_sale', 'The event is not on sale');
  const now = nowIso();
  if (now >= table.arrivalCutoff) throw unprocessable('booking_closed', 'The arrival cut-off of this table has passed');
  if (input.partySize < table.minParty || input.partySize > table.maxParty) {
    throw unprocessable('party_size', `This table takes ${table.minParty}–${table.maxParty} guests`, { minParty: table.minParty, maxParty: table.maxParty });
  }
  const promoter = await attributeTableBooking({
    eventId: input.eventId,
    eventEndsAt: event.endsAt,
    promoterCode: input.promoterCode,
    promoterToken: input.promoterToken,
    currency: table.minimumSpend.currency,
    now,
  });
  const booking: BookingItem = {
    bookingId: newId(),
    eventId: input.eventId,
    tableId: input.tableId,
    status: table.requiresApproval ? 'requested' : 'approved',
    partySize: input.partySize,
    booker: input.booker,
    minimumSpend: table.minimumSpend,
    deposit: { amount: depositOf(table), currency: table.minimumSpend.currency },
    refundableUntil: table.refundableUntil,
    arrivalCutoff: table.arrivalCutoff,
    spend: 0,
    ...(table.requiresApproval ? {} : { approvedAt: now }),
    ...(promoter ? { promoter } : {}),
    createdAt: now,
    updatedAt: now,
  };
  const tx = namedTransaction<'table' | 'booking'>();
  tx.add(
    'table',
    tx.entities.vipTable
      .patch({ eventId: input.eventId, tableId: input.tableId })
      .set({ currentBookingId: booking.bookingId })
      .where((a, op) => op.notExists(a.currentBookingId))
      .commit(),
  ).add('booking', tx.entities.tableBooking.create(booking).commit());
  const result = await tx.go();
  if (result.canceled) {
    if (tx.rejected(result, 'table')) throw conflict('table_taken', 'This table is already booked');
    throw conflict('table_busy', 'The table was being booked at the same moment; try again');
  }
  return toBookingView(booking);
}

export async function getBooking(bookingId: string): Promise<TableBookingView> {
  return toBookingView(await loadBooking(bookingId, false));
}

export async function listEventBookings(eventId: string) {
  await loadEvent(eventId);
  const { data } = await db().entities.tableBooking.query.byEvent({ eventId }).go({ pages: 'all' });
  return { items: data.map(toBookingView) };
}

export async function approveBooking(bookingId: string): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (b.status !== 'requested') throw refused(b, 'approved');
  return toBookingView(await move(b, 'approved', { approvedAt: nowIso() }));
}

export async function arrive(bookingId: string): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (b.status !== 'deposit_paid') throw refused(b, 'arrived');
  const at = nowIso();
  if (at > b.arrivalCutoff) throw unprocessable('arrival_cutoff_passed', `Arrivals closed at ${b.arrivalCutoff}`, { arrivalCutoff: b.arrivalCutoff });
  return toBookingView(await move(b, 'arrived', { arrivedAt: at }));
}

/** Spend at the bar, ADDed while the party is in (a retry with the same Idempotency-Key adds nothing). */
export async function recordSpend(bookingId: string, amount: { amount: number; currency: string }): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (amount.currency !== b.minimumSpend.currency) throw unprocessable('currency_mismatch', `This booking spends in ${b.minimumSpend.currency}`);
  try {
    const { data } = await db()
      .entities.tableBooking.patch({ bookingId })
      .add({ spend: amount.amount })
      .set({ updatedAt: nowIso() })
      .where((a, op) => op.eq(a.status, 'arrived'))
      .go({ response: 'all_new' });
    return toBookingView(data as BookingItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    throw refused(await loadBooking(bookingId), 'charged (only an arrived party spends)');
  }
}

const money = (amount: number, currency: string) => ({ amount, currency });

/** Shortfall to collect at settlement: what the minimum spend still wants after the spend and the deposit. */
export function shortfallOf(minimumSpend: number, spend: number, deposit: number): number {
  return Math.max(0, minimumSpend - spend - deposit);
}

/** arrived → settled, with the shortfall fixed on the spend read (the update is conditioned on it). Emits `table.settled`. */
export async function settle(bookingId: string, ctx: Ctx): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (b.status !== 'arrived') throw refused(b, 'settled');
  const cur = b.minimumSpend.currency;
  const shortfall = money(shortfallOf(b.minimumSpend.amount, b.spend, b.deposit.amount), cur);
  return toBookingView(
    await move(b, 'settled', { settledAt: nowIso(), shortfall }, {
      events: (next) => [domainEvent('table.settled', { ...summary(next), outcome: 'settled', spend: money(b.spend, cur), shortfall, depositKept: money(0, cur) }, ctx)],
    }),
  );
}

/**
 * After the arrival cut-off, a party that never came: the deposit is kept —
 * once, since the transition is conditioned on the state it leaves — and the
 * table goes back on sale in the same transaction. Emits `table.settled`.
 */
export async function noShow(bookingId: string, ctx: Ctx): Promise<TableBookingView> {
  const b = await loadBooking(bookingId);
  if (b.status !== 'deposit_paid' && b.status !== 'approved' && b.status !== 'requested') throw refused(b, 'no-show');
  if (nowIso() <= b.arrivalCutoff) throw unprocessable('arrival_cutoff_not_passed', `Guests may arrive until ${b.arrivalCutoff}`, { arrivalCutoff: b.arrivalCutoff });
  const cur = b.deposit.currency;
  const kept = money(b.status === 'deposit_paid' ? b.deposit.amount : 0, cur);
  return toBookingView(
    await move(b, 'no_show', { noShowAt: nowIso(), depositKept: kept }, {
      also: (e) => [releaseTable(e, b)],
      events: (next) => [domainEvent('table.settled', { ...summary(next), outcome: 'no_show', spend: money(0, cur), shortfall: money(0, cur), depositKept: kept }, ctx)],
    }),
  );
}
