import { describe, expect, it } from 'vitest';
import { givenCampaign } from '../support/campaign-fixtures.ts';
import { useTestApi, type ApiResponse } from '../support/local-api.ts';
import { givenOrder, givenPaidOrder, givenPublishedEvent, givenTicketType, givenVoucher } from '../support/sales-fixtures.ts';

/**
 * Issue 11, item 4, through the HTTP API: the call sites that once put a
 * resource's state under `status` and a voucher's code under `code` keep the
 * problem members intact and name what they add.
 */
const api = useTestApi();

function expectProblem(res: ApiResponse, status: number, code: string) {
  expect(res.status).toBe(status);
  expect(res.headers.get('content-type')).toBe('application/problem+json');
  expect(res.body).toMatchObject({ type: `https://eventos.dev/problems/${code}`, status, code });
}

describe('problem members are never overwritten by details', () => {
  it('a refused order transition keeps status = the HTTP status and says the order\'s status as orderStatus', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 5 });
    const pending = await givenOrder(api.call, event.id, type.id);
    expect((await api.call('POST', `/v1/orders/${pending.id}/cancel`)).status).toBe(200);

    const cancelAgain = await api.call('POST', `/v1/orders/${pending.id}/cancel`);
    expectProblem(cancelAgain, 409, 'invalid_transition');
    expect(cancelAgain.body.orderStatus).toBe('canceled');

    const refundCanceled = await api.call('POST', `/v1/orders/${pending.id}/refund`, { body: {} });
    expectProblem(refundCanceled, 409, 'invalid_transition');
    expect(refundCanceled.body.orderStatus).toBe('canceled');

    const paid = await givenPaidOrder(api.call, event.id, type.id);
    const cancelPaid = await api.call('POST', `/v1/orders/${paid.id}/cancel`);
    expectProblem(cancelPaid, 409, 'refund_required');
    expect(cancelPaid.body.orderStatus).toBe('paid');
  });

  it('a duplicate voucher keeps code = duplicate and names the taken code voucherCode', async () => {
    const event = await givenPublishedEvent(api.call);
    await givenVoucher(api.call, event.id, { code: 'FREE100' });
    const again = await api.call('POST', `/v1/events/${event.id}/vouchers`, { body: { code: 'FREE100', kind: 'percent', percent: 10, maxUsages: 1 } });
    expectProblem(again, 409, 'duplicate');
    expect(again.body.voucherCode).toBe('FREE100');
  });

  it('a refused campaign change keeps status and says the campaign\'s status as campaignStatus', async () => {
    const event = await givenPublishedEvent(api.call);
    const campaign = await givenCampaign(api.call, { audience: { eventId: event.id, kind: 'buyers' } });
    expect((await api.call('POST', `/v1/campaigns/${campaign.id}/cancel`)).status).toBe(200);
    const again = await api.call('POST', `/v1/campaigns/${campaign.id}/cancel`);
    expectProblem(again, 409, 'invalid_transition');
    expect(again.body.campaignStatus).toBe('canceled');
  });
});
