import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { CreateTable, CreateTableBooking, DepositIntent, RecordSpend, TableBooking, VipTable } from './contract.ts';

const tag = 'VIP tables';
const booking = { 200: { description: 'The booking', schema: TableBooking }, 409: { description: 'invalid_transition (bookingStatus named)' } } as const;

export const createTable = defineRoute({
  operationId: 'createVipTable',
  method: 'POST',
  path: '/v1/events/{id}/tables',
  location: '/v1/events/{id}/tables',
  handler: 'tables/create-table',
  permission: 'events:write',
  summary: 'Add a VIP table: party size, minimum spend, deposit (fixed or %), refundable time, arrival cut-off',
  tag,
  request: { params: IdParams, body: CreateTable },
  responses: { 201: { description: 'The table', schema: VipTable } },
});

export const listTables = defineRoute({
  operationId: 'listVipTables',
  method: 'GET',
  path: '/v1/events/{id}/tables',
  handler: 'tables/list-tables',
  permission: null,
  summary: "The event's VIP tables and whether each is free (public: the storefront shows them)",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every table', schema: z.object({ items: z.array(VipTable) }) } },
});

export const bookTable = defineRoute({
  operationId: 'bookVipTable',
  method: 'POST',
  path: '/v1/table-bookings',
  handler: 'tables/book',
  permission: null,
  summary: 'Book a VIP table (public storefront): requested when the table needs approval, else approved and owing its deposit',
  tag,
  request: { body: CreateTableBooking },
  responses: { 201: { description: 'The booking', schema: TableBooking }, 409: { description: 'table_taken' }, 422: { description: 'party_size, booking_closed, event_not_on_sale' } },
});

export const getBooking = defineRoute({
  operationId: 'getTableBooking',
  method: 'GET',
  path: '/v1/table-bookings/{id}',
  handler: 'tables/get-booking',
  permission: 'orders:read',
  summary: 'Get a table booking',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The booking', schema: TableBooking } },
});

export const listBookings = defineRoute({
  operationId: 'listTableBookings',
  method: 'GET',
  path: '/v1/events/{id}/table-bookings',
  handler: 'tables/list-bookings',
  permission: 'orders:read',
  summary: "The event's table bookings",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every booking', schema: z.object({ items: z.array(TableBooking) }) } },
});

export const approveBooking = defineRoute({
  operationId: 'approveTableBooking',
  method: 'POST',
  path: '/v1/table-bookings/{id}/approve',
  handler: 'tables/approve',
  permission: 'orders:write',
  summary: 'requested → approved',
  tag,
  request: { params: IdParams },
  responses: booking,
});

export const startDeposit = defineRoute({
  operationId: 'startTableDeposit',
  method: 'POST',
  path: '/v1/table-bookings/{id}/deposit',
  handler: 'tables/start-deposit',
  permission: null,
  summary: "The booking's deposit as a Stripe PaymentIntent (public: the booker pays it with the client secret)",
  tag,
  request: { params: IdParams },
  secrets: ['stripe'],
  responses: { 200: { description: 'The PaymentIntent to pay', schema: DepositIntent }, 409: { description: 'invalid_transition' }, 503: { description: 'payment_unavailable' } },
});

export const confirmDeposit = defineRoute({
  operationId: 'confirmTableDeposit',
  method: 'POST',
  path: '/v1/table-bookings/{id}/deposit/confirm',
  handler: 'tables/confirm-deposit',
  permission: null,
  summary: 'approved → deposit_paid once Stripe says the deposit intent succeeded (public; the server asks Stripe); emits table.booked',
  tag,
  request: { params: IdParams },
  secrets: ['stripe'],
  responses: { ...booking, 409: { description: 'deposit_not_paid, invalid_transition' } },
});

export const arrive = defineRoute({
  operationId: 'arriveTableBooking',
  method: 'POST',
  path: '/v1/table-bookings/{id}/arrive',
  handler: 'tables/arrive',
  permission: 'checkins:write',
  summary: 'deposit_paid → arrived, before the arrival cut-off',
  tag,
  request: { params: IdParams },
  responses: { ...booking, 422: { description: 'arrival_cutoff_passed' } },
});

export const recordSpend = defineRoute({
  operationId: 'recordTableSpend',
  method: 'POST',
  path: '/v1/table-bookings/{id}/spend',
  handler: 'tables/spend',
  permission: 'orders:write',
  summary: 'Add spend at the bar to an arrived party (send an Idempotency-Key: a retry then adds nothing)',
  tag,
  request: { params: IdParams, body: RecordSpend },
  responses: booking,
});

export const settle = defineRoute({
  operationId: 'settleTableBooking',
  method: 'POST',
  path: '/v1/table-bookings/{id}/settle',
  handler: 'tables/settle',
  permission: 'orders:write',
  summary: 'arrived → settled; shortfall = max(0, minimum spend − spend − deposit); emits table.settled',
  tag,
  request: { params: IdParams },
  responses: booking,
});

export const noShow = defineRoute({
  operationId: 'noShowTableBooking',
  method: 'POST',
  path: '/v1/table-bookings/{id}/no-show',
  handler: 'tables/no-show',
  permission: 'orders:write',
  summary: 'After the arrival cut-off: no_show, the deposit kept (once) and the table released for resale; emits table.settled',
  tag,
  request: { params: IdParams },
  responses: { ...booking, 422: { description: 'arrival_cutoff_not_passed' } },
});

export const cancelBooking = defineRoute({
  operationId: 'cancelTableBooking',
  method: 'POST',
  path: '/v1/table-bookings/{id}/cancel',
  handler: 'tables/cancel',
  permission: 'orders:write',
  summary: 'Cancel: the table goes back on sale; a paid deposit is refunded before refundableUntil, else kept',
  tag,
  request: { params: IdParams },
  secrets: ['stripe'],
  responses: { ...booking, 503: { description: 'payment_unavailable (canceled; canceling again retries the refund)' } },
});
