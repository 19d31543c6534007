import { hours } from '../../support/fixtures.ts';
import type { ApiCaller } from '../../support/local-api.ts';
import { givenLink, givenPlan, givenPromoter, paidVia } from '../../support/promoter-fixtures.ts';
import { buyerEmail, givenPublishedEvent, givenTicketType } from '../../support/sales-fixtures.ts';
import { ok, type Scenario } from './kit.ts';

/** Promoters and guest lists, as test/e2e/promoters-scoping.test.ts and guest-lists*.test.ts build them. */
async function givenGuestList(call: ApiCaller, eventId: string) {
  return (await ok(call, 'POST', `/v1/events/${eventId}/guest-lists`, { name: 'Friday list', tiers: [{ tierId: 'vip', name: 'VIP', quota: 10, deadline: hours(40) }] })) as { id: string };
}

export const nightlifeScenarios: Record<string, Scenario> = {
  // An organiser names the promoter whose list the guest is on.
  'POST /v1/guest-lists/{id}/guests': async (call) => {
    const event = await givenPublishedEvent(call);
    const list = await givenGuestList(call, event.id);
    const { promoter } = await givenPromoter(call);
    return { path: `/v1/guest-lists/${list.id}/guests`, body: { tierId: 'vip', promoterId: promoter.id, name: 'Ana Ruiz', email: buyerEmail('guest') } };
  },
  'POST /v1/promoter-links/{slug}/guests': async (call) => {
    const event = await givenPublishedEvent(call);
    const list = await givenGuestList(call, event.id);
    const { promoter } = await givenPromoter(call);
    const link = await givenLink(call, promoter.id, event.id, { guestListId: list.id, tierId: 'vip' });
    return { path: `/v1/promoter-links/${link.slug}/guests`, body: { name: 'Guest', email: buyerEmail('signup') } };
  },
  // A paid sale through the promoter's code, its commission approved once the Stripe webhook has landed.
  'POST /v1/promoters/{id}/payouts': async (call, _user, stack) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { capacity: 20, price: { amount: 3000, currency: 'EUR' } });
    const plan = await givenPlan(call);
    const { promoter } = await givenPromoter(call, { planId: plan.id });
    await paidVia(call, event.id, type.id, { promoterCode: promoter.code });
    await stack.stripe.idle();
    await stack.bus.drain();
    const approved = await ok(call, 'POST', `/v1/promoters/${promoter.id}/ledger/approve`, {});
    if (approved.approved !== 1) throw new Error(`approved: ${JSON.stringify(approved)}`);
    return { path: `/v1/promoters/${promoter.id}/payouts` };
  },
};
