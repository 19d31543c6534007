import type { ApiCaller } from '../../support/local-api.ts';
import { advanceClock } from '../../support/clock.ts';
import { hours } from '../../support/fixtures.ts';
import { givenPublishedEvent } from '../../support/sales-fixtures.ts';
import { eur, ok, uniq, type Scenario } from './kit.ts';

/** VIP tables (as test/e2e/tables.test.ts builds them): a table, a booking, and the booking moved to the state each route starts from. */
async function givenTable(call: ApiCaller, over: Record<string, unknown> = {}) {
  const event = await givenPublishedEvent(call);
  const table = await ok(call, 'POST', `/v1/events/${event.id}/tables`, {
    name: 'Booth 1', minParty: 4, maxParty: 8, minimumSpend: eur(80000), deposit: { kind: 'percent', percent: 25 }, refundableUntil: hours(24), arrivalCutoff: hours(49), ...over,
  });
  return { event, table };
}

const bookingBody = (eventId: string, tableId: string) => ({ eventId, tableId, partySize: 6, booker: { name: 'Ada Vega', email: `ada.${uniq()}@example.com`, phone: '+34600000000' } });

async function givenBooking(call: ApiCaller, over: Record<string, unknown> = {}): Promise<string> {
  const { event, table } = await givenTable(call, over);
  const res = await call('POST', '/v1/table-bookings', { role: null, body: bookingBody(event.id, table.id) });
  if (res.status !== 201) throw new Error(`booking: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body.id;
}

/** The deposit's intent paid through the Stripe stand-in (not yet confirmed). */
async function depositPaidAtStripe(call: ApiCaller, id: string) {
  const intent = await call('POST', `/v1/table-bookings/${id}/deposit`, { role: null });
  if (intent.status !== 200) throw new Error(`deposit: ${intent.status} ${JSON.stringify(intent.body)}`);
  const paid = await call('POST', `/dev/stripe/payment_intents/${intent.body.paymentIntentId}/succeed`, { role: null });
  if (paid.status !== 200) throw new Error(`stripe: ${paid.status} ${JSON.stringify(paid.body)}`);
}

async function givenPaidBooking(call: ApiCaller, over: Record<string, unknown> = {}): Promise<string> {
  const id = await givenBooking(call, over);
  await depositPaidAtStripe(call, id);
  await ok(call, 'POST', `/v1/table-bookings/${id}/deposit/confirm`);
  return id;
}

async function givenArrived(call: ApiCaller): Promise<string> {
  const id = await givenPaidBooking(call);
  await ok(call, 'POST', `/v1/table-bookings/${id}/arrive`);
  return id;
}

export const tableScenarios: Record<string, Scenario> = {
  'POST /v1/table-bookings': async (call) => {
    const { event, table } = await givenTable(call);
    return { path: '/v1/table-bookings', body: bookingBody(event.id, table.id) };
  },
  'POST /v1/table-bookings/{id}/approve': async (call) => ({ path: `/v1/table-bookings/${await givenBooking(call, { requiresApproval: true })}/approve` }),
  'POST /v1/table-bookings/{id}/deposit': async (call) => ({ path: `/v1/table-bookings/${await givenBooking(call)}/deposit` }),
  'POST /v1/table-bookings/{id}/deposit/confirm': async (call) => {
    const id = await givenBooking(call);
    await depositPaidAtStripe(call, id);
    return { path: `/v1/table-bookings/${id}/deposit/confirm` };
  },
  'POST /v1/table-bookings/{id}/arrive': async (call) => ({ path: `/v1/table-bookings/${await givenPaidBooking(call)}/arrive` }),
  'POST /v1/table-bookings/{id}/spend': async (call) => ({ path: `/v1/table-bookings/${await givenArrived(call)}/spend`, body: { amount: eur(30000) } }),
  'POST /v1/table-bookings/{id}/settle': async (call) => ({ path: `/v1/table-bookings/${await givenArrived(call)}/settle` }),
  'POST /v1/table-bookings/{id}/cancel': async (call) => ({ path: `/v1/table-bookings/${await givenPaidBooking(call)}/cancel` }),
  // Past the arrival cut-off; the test file puts the real clock back after each test.
  'POST /v1/table-bookings/{id}/no-show': async (call) => {
    const id = await givenPaidBooking(call);
    advanceClock(50 * 3600_000);
    return { path: `/v1/table-bookings/${id}/no-show` };
  },
};
