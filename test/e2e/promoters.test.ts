import { describe, expect, it } from 'vitest';
import { handler as approvalJob } from '#functions/jobs/promoter-commission-approval.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyVia, click, givenLink, givenPlan, givenPromoter, ledgerOf, paidVia, sum } from '../support/promoter-fixtures.ts';
import { getOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();
const days = (n: number) => new Date(Date.now() + n * 86_400_000).toISOString();

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

async function givenSale() {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id, { capacity: 50, price: { amount: 2000, currency: 'EUR' } });
  return { event, type };
}

describe('promoters: codes, links and attribution', () => {
  it('a promoter has a unique, immutable code and needs a user with the promoter role', async () => {
    const { promoter } = await givenPromoter(api.call);
    expect(promoter.contactId).toBeDefined();
    const user = await api.call('POST', '/v1/users', { body: { username: `x${promoter.code.toLowerCase()}`, email: `x${promoter.code.toLowerCase()}@promo.example`, roleId: 'promoter' } });
    const taken = await api.call('POST', '/v1/promoters', { body: { name: 'Copy', email: 'copy@promo.example', userId: user.body.id, code: promoter.code.toLowerCase() } });
    expect(taken.status).toBe(409);
    expect(taken.body.code).toBe('code_taken');

    const sales = await api.call('POST', '/v1/users', { body: { username: `s${promoter.code.toLowerCase()}`, email: `s${promoter.code.toLowerCase()}@promo.example`, roleId: 'sales' } });
    const notPromoter: any = await api.call('POST', '/v1/promoters', { body: { name: 'Nope', email: 'nope@promo.example', userId: sales.body.id, code: 'NOPE1' } });
    expect(notPromoter.status).toBe(422);
    expect(notPromoter.body.code).toBe('user_not_promoter');

    const patched = await api.call('PATCH', `/v1/promoters/${promoter.id}`, { body: { code: 'OTHER' } as never });
    expect(patched.status).toBe(200);
    expect(patched.body.code).toBe(promoter.code);
  });

  it('an unknown or inactive promoter code on an order is 422 promoter_unknown, never ignored', async () => {
    const { event, type } = await givenSale();
    const unknown = await buyVia(api.call, event.id, type.id, { promoterCode: 'NOBODY-HERE' });
    expect(unknown.status).toBe(422);
    expect(unknown.body.code).toBe('promoter_unknown');

    const { promoter } = await givenPromoter(api.call);
    await api.call('PATCH', `/v1/promoters/${promoter.id}`, { body: { status: 'inactive' } });
    const inactive = await buyVia(api.call, event.id, type.id, { promoterCode: promoter.code });
    expect(inactive.status).toBe(422);
    expect(inactive.body.code).toBe('promoter_unknown');
  });

  it('the last link clicked gets the sale; an explicit code overrides it; a click older than 30 days attributes nothing', async () => {
    const { event, type } = await givenSale();
    const a = await givenPromoter(api.call);
    const b = await givenPromoter(api.call);
    const linkA = await givenLink(api.call, a.promoter.id, event.id);
    const linkB = await givenLink(api.call, b.promoter.id, event.id, { targetUrl: 'https://shop.example/e/1' });

    const redirect = await fetch(`${api.apiUrl}${linkB.clickPath}`, { redirect: 'manual' });
    expect(redirect.status).toBe(302);
    expect(redirect.headers.get('location')).toMatch(/^https:\/\/shop\.example\/e\/1\?promoterToken=pt_/);

    const tokenA = await click(api.call, linkA.slug);
    const tokenB = ((await redirect.json()) as { token: string }).token;
    // The storefront keeps the latest token (B's); B gets the sale.
    const viaB = await buyVia(api.call, event.id, type.id, { promoterToken: tokenB });
    expect(viaB.status).toBe(201);
    expect(viaB.body.promoterCode).toBe(b.promoter.code);
    // A code named by the buyer beats the link.
    const coded = await buyVia(api.call, event.id, type.id, { promoterToken: tokenB, promoterCode: a.promoter.code.toLowerCase() });
    expect(coded.body.promoterCode).toBe(a.promoter.code);
    // An unknown token attributes nothing and refuses nothing.
    const forged = await buyVia(api.call, event.id, type.id, { promoterToken: 'pt_FORGED' });
    expect(forged.status).toBe(201);
    expect(forged.body.promoterCode).toBeUndefined();

    // A's token, 31 days after the click by the server's clock, attributes nothing (an event still on sale then).
    const far = await givenPublishedEvent(api.call, { startsAt: days(60), endsAt: days(61) });
    const farType = await givenTicketType(api.call, far.id, { capacity: 5, price: { amount: 2000, currency: 'EUR' } });
    const farLink = await givenLink(api.call, a.promoter.id, far.id);
    const farToken = await click(api.call, farLink.slug);
    const clock = advanceClock(31 * 24 * 3600_000);
    try {
      const late = await buyVia(api.call, far.id, farType.id, { promoterToken: farToken });
      expect(late.status).toBe(201);
      expect(late.body.promoterCode).toBeUndefined();
    } finally {
      clock.restore();
    }
    const fresh = await buyVia(api.call, far.id, farType.id, { promoterToken: farToken });
    expect(fresh.body.promoterCode).toBe(a.promoter.code);
  });
});

describe('promoter-only ticket types', () => {
  it('are hidden from the public and sold only through a link that unlocks them', async () => {
    const { event, type } = await givenSale();
    const vip = await givenTicketType(api.call, event.id, { name: 'RRPP VIP', capacity: 10, price: { amount: 5000, currency: 'EUR' }, promoterOnly: true });
    const { promoter } = await givenPromoter(api.call);
    const plain = await givenLink(api.call, promoter.id, event.id);
    const unlocking = await givenLink(api.call, promoter.id, event.id, { ticketTypeIds: [vip.id] });
    const plainToken = await click(api.call, plain.slug);
    const token = await click(api.call, unlocking.slug);

    const ids = async (query = '') => (await api.call('GET', `/v1/events/${event.id}/availability${query}`, { role: null })).body.ticketTypes.map((t: { ticketTypeId: string }) => t.ticketTypeId);
    expect(await ids()).toEqual([type.id]);
    expect(await ids(`?promoterToken=${plainToken}`)).toEqual([type.id]);
    expect((await ids(`?promoterToken=${token}`)).sort()).toEqual([type.id, vip.id].sort());

    for (const via of [{}, { promoterToken: plainToken }, { promoterCode: promoter.code }]) {
      const refused = await buyVia(api.call, event.id, vip.id, via);
      expect(refused.status).toBe(422);
      expect(refused.body.code).toBe('ticket_type_not_available');
    }
    const sold = await buyVia(api.call, event.id, vip.id, { promoterToken: token });
    expect(sold.status).toBe(201);
    expect(sold.body.promoterCode).toBe(promoter.code);
  });
});

describe('commission ledger', () => {
  it('sale → proportional negative lines on partial and full refunds; rate frozen at sale; leader override', async () => {
    const { event, type } = await givenSale();
    const plan = await givenPlan(api.call, { leaderOverrideBps: 200 });
    const leader = await givenPromoter(api.call, { planId: plan.id });
    const { promoter } = await givenPromoter(api.call, { planId: plan.id, leaderId: leader.promoter.id });

    const order = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 3 });
    await settle();
    // The plan changes after the sale: the order keeps its frozen 10 %.
    const richer = await givenPlan(api.call, { rules: [{ ruleId: 'pct', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 5000 }] });
    await api.call('PATCH', `/v1/promoters/${promoter.id}`, { body: { planId: richer.id } });

    let lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines).toMatchObject([{ kind: 'sale', ruleId: 'pct', amount: 600, status: 'pending', currency: 'EUR' }]);
    const leaderLines = (await ledgerOf(api.call, leader.promoter.id)).filter((l) => l.orderId === order.id);
    expect(leaderLines).toMatchObject([{ kind: 'leader_override', amount: 120 }]);

    expect((await api.call('POST', `/v1/orders/${order.id}/refund`, { body: { amount: 1000 } })).status).toBe(200);
    await settle();
    lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines.map((l) => l.amount).sort((x, y) => x - y)).toEqual([-100, 600]);

    expect((await api.call('POST', `/v1/orders/${order.id}/refund`, { body: {} })).status).toBe(200);
    await settle();
    expect((await getOrder(api.call, order.id)).status).toBe('refunded');
    lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines).toHaveLength(3);
    expect(sum(lines)).toBe(0);
    expect(sum((await ledgerOf(api.call, leader.promoter.id)).filter((l) => l.orderId === order.id))).toBe(0);
  });

  it('a per-check-in rule earns on each ticket’s first admission only', async () => {
    const { event, type } = await givenSale();
    const plan = await givenPlan(api.call, { rules: [{ ruleId: 'door', scope: 'ticket_type', basis: 'per_check_in', amount: { amount: 75, currency: 'EUR' } }] });
    const { promoter } = await givenPromoter(api.call, { planId: plan.id });
    const order = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 2 });
    await settle();
    expect(await ledgerOf(api.call, promoter.id)).toEqual([]);
    const tickets = (await getOrder(api.call, order.id)).tickets!;
    const scan = (code: string, deviceId: string, type: 'entry' | 'exit' = 'entry') =>
      api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code, deviceId, type } });
    expect((await scan(tickets[0]!.code, 'gate-1')).status).toBe(201);
    expect((await scan(tickets[0]!.code, 'gate-1', 'exit')).status).toBe(201);
    expect((await scan(tickets[0]!.code, 'gate-2')).status).toBe(201); // re-entry after exit
    await settle();
    let lines = await ledgerOf(api.call, promoter.id);
    expect(lines.map((l) => [l.kind, l.amount])).toEqual([['check_in', 75]]);
    expect((await scan(tickets[1]!.code, 'gate-1')).status).toBe(201);
    await settle();
    lines = await ledgerOf(api.call, promoter.id);
    expect(lines.map((l) => l.amount)).toEqual([75, 75]);
  });

  it('approval after event end + hold, payout takes approved lines once, CSV export, refund after payout nets into the next payout', async () => {
    const { event, type } = await givenSale();
    const plan = await givenPlan(api.call, { holdDays: 3 });
    // A name a spreadsheet would run as a formula.
    const { promoter } = await givenPromoter(api.call, { planId: plan.id, name: '=HYPERLINK("http://x.example")' });
    const one = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 2 });
    const two = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 1 });
    await settle();

    expect((await api.call('POST', `/v1/promoters/${promoter.id}/payouts`)).body.code).toBe('nothing_to_pay');
    // The job before the hold is over approves nothing of this promoter.
    await approvalJob();
    expect((await ledgerOf(api.call, promoter.id)).every((l) => l.status === 'pending')).toBe(true);

    // Event ends in 54 h, plus 3 days of hold.
    const clock = advanceClock((54 + 72 + 1) * 3600_000);
    try {
      await approvalJob();
    } finally {
      clock.restore();
    }
    const approved = await ledgerOf(api.call, promoter.id);
    expect(approved.map((l) => [l.amount, l.status])).toEqual([
      [400, 'approved'],
      [200, 'approved'],
    ]);

    // Two payouts at once: one takes both lines, the other finds nothing.
    const [p1, p2] = await Promise.all([api.call('POST', `/v1/promoters/${promoter.id}/payouts`), api.call('POST', `/v1/promoters/${promoter.id}/payouts`)]);
    const statuses = [p1.status, p2.status].sort();
    expect(statuses).toEqual([201, 422]);
    const payout = (p1.status === 201 ? p1 : p2).body;
    expect(payout.amount).toBe(600);
    expect(payout.lineIds).toHaveLength(2);

    const csv = await fetch(`${api.apiUrl}/v1/promoters/${promoter.id}/payouts/${payout.id}/csv`, { headers: { authorization: `Bearer ${await api.token('admin')}` } });
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = (await csv.text()).trim().split('\n');
    expect(rows[0]).toBe('payoutId,promoterCode,promoterName,lineId,eventId,orderId,guestId,kind,amountMinor,amount,currency,createdAt');
    expect(rows).toHaveLength(3);
    expect(rows[1]).toContain(`,"'=HYPERLINK(""http://x.example"")",`);
    expect(rows.slice(1).map((r) => r.split(',').at(-4)).sort()).toEqual(['200', '400']);

    // A refund after the payout: the paid line stays, a negative approved line waits for the next payout.
    expect((await api.call('POST', `/v1/orders/${two.id}/refund`, { body: {} })).status).toBe(200);
    await settle();
    const after = await ledgerOf(api.call, promoter.id);
    expect(after.filter((l) => l.status === 'paid').map((l) => l.amount).sort()).toEqual([200, 400]);
    expect(after.filter((l) => l.status !== 'paid')).toMatchObject([{ orderId: two.id, kind: 'refund', amount: -200, status: 'approved' }]);
    const negativeOnly = await api.call('POST', `/v1/promoters/${promoter.id}/payouts`);
    expect(negativeOnly.status).toBe(422);
    void one;
  });
});
