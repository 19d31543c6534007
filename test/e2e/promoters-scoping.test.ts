import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { buyVia, givenLink, givenPlan, givenPromoter, paidVia } from '../support/promoter-fixtures.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function settle() {
  await api.stripe.idle();
  await api.bus.drain();
}

describe('promoter scoping', () => {
  it('promoter A can read nothing of promoter B’s; a team leader reads the team’s; nobody but organisers reads the event totals', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 20, price: { amount: 3000, currency: 'EUR' } });
    const plan = await givenPlan(api.call);
    const leader = await givenPromoter(api.call, { planId: plan.id });
    const a = await givenPromoter(api.call, { planId: plan.id, leaderId: leader.promoter.id });
    const b = await givenPromoter(api.call, { planId: plan.id });
    const list = await api.call('POST', `/v1/events/${event.id}/guest-lists`, { body: { name: 'L', tiers: [{ tierId: 'vip', name: 'VIP', quota: 10, deadline: new Date(Date.now() + 40 * 3600_000).toISOString() }] } });
    const bLink = await givenLink(api.call, b.promoter.id, event.id);
    await paidVia(api.call, event.id, type.id, { promoterCode: a.promoter.code });
    const bOrder = await paidVia(api.call, event.id, type.id, { promoterCode: b.promoter.code, quantity: 2 });
    await api.call('POST', `/v1/guest-lists/${list.body.id}/guests`, { body: { tierId: 'vip', name: 'B guest', email: buyerEmail('bguest') }, ...b.as });
    await settle();
    const payout = await api.call('POST', `/v1/promoters/${b.promoter.id}/ledger/approve`, { body: {} });
    expect(payout.body.approved).toBe(1);
    const bPayout = await api.call('POST', `/v1/promoters/${b.promoter.id}/payouts`);
    expect(bPayout.status).toBe(201);

    // Everything of B's, read as A: 404 (never 403, so ids cannot be probed), or 403 where the route is organisers' only.
    const bPaths = [
      `/v1/promoters/${b.promoter.id}`,
      `/v1/promoters/${b.promoter.id}/links`,
      `/v1/promoters/${b.promoter.id}/orders`,
      `/v1/promoters/${b.promoter.id}/ledger`,
      `/v1/promoters/${b.promoter.id}/figures?eventId=${event.id}`,
      `/v1/promoters/${b.promoter.id}/guests`,
      `/v1/promoters/${b.promoter.id}/payouts/${bPayout.body.id}/csv`,
    ];
    for (const path of bPaths) {
      const res = await api.call('GET', path, a.as);
      expect(res.status, path).toBe(404);
      expect(JSON.stringify(res.body)).not.toContain(bOrder.id);
    }
    for (const path of ['/v1/promoters', `/v1/guest-lists/${list.body.id}/guests`, `/v1/events/${event.id}/stats`, `/v1/events/${event.id}/orders`, `/v1/orders/${bOrder.id}`, '/v1/commission-plans']) {
      expect((await api.call('GET', path, a.as)).status, path).toBe(403);
    }
    // Nor act for B.
    expect((await api.call('POST', `/v1/promoters/${b.promoter.id}/links`, { body: { eventId: event.id }, ...a.as })).status).toBe(404);
    expect((await api.call('POST', `/v1/promoters/${b.promoter.id}/payouts`, a.as)).status).toBe(403);
    expect((await api.call('POST', `/v1/guest-lists/${list.body.id}/guests`, { body: { tierId: 'vip', name: 'x', email: buyerEmail('x'), promoterId: b.promoter.id }, ...a.as })).status).toBe(404);
    // B's link used by a buyer still credits B, and A cannot see that either.
    const viaB = await buyVia(api.call, event.id, type.id, { promoterToken: (await api.call('GET', `/v1/promoter-links/${bLink.slug}/click`, { role: null })).body.token });
    expect(viaB.body.promoterCode).toBe(b.promoter.code);

    // A's own: its order only, its figures only.
    const mine = await api.call('GET', `/v1/promoters/${a.promoter.id}/orders`, a.as);
    expect(mine.body.items).toHaveLength(1);
    const figures = await api.call('GET', `/v1/promoters/${a.promoter.id}/figures?eventId=${event.id}`, a.as);
    expect(figures.body).toMatchObject({ orders: 1, admissions: 1, sales: { EUR: 3000 }, commission: { EUR: { pending: 300, approved: 0, paid: 0 } }, guests: { added: 0, checkedIn: 0 } });
    const me = await api.call('GET', '/v1/me/promoter', a.as);
    expect(me.body.promoter.id).toBe(a.promoter.id);

    // The leader reads its team member A, not B.
    expect((await api.call('GET', `/v1/promoters/${a.promoter.id}/ledger`, leader.as)).status).toBe(200);
    expect((await api.call('GET', `/v1/promoters/${a.promoter.id}/orders`, leader.as)).body.items).toHaveLength(1);
    expect((await api.call('GET', `/v1/promoters/${b.promoter.id}/ledger`, leader.as)).status).toBe(404);
    const team = await api.call('GET', '/v1/me/promoter', leader.as);
    expect(team.body.team.map((p: { id: string }) => p.id)).toEqual([a.promoter.id]);
    // A member does not read its leader's.
    expect((await api.call('GET', `/v1/promoters/${leader.promoter.id}/ledger`, a.as)).status).toBe(404);
  });
});
