import { describe, expect, it } from 'vitest';
import { handler as promoterLedger } from '#functions/consumers/promoter-ledger.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenPlan, givenPromoter, ledgerOf, paidVia } from '../support/promoter-fixtures.ts';
import { givenPublishedEvent, givenTicketType, type DevStripeOutcome } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('duplicate deliveries and the commission ledger', () => {
  it('duplicate Stripe webhooks and redelivered bus events → one commission line per order and rule', async () => {
    const event = await givenPublishedEvent(api.call);
    const type = await givenTicketType(api.call, event.id, { capacity: 20, price: { amount: 2500, currency: 'EUR' } });
    const plan = await givenPlan(api.call, {
      leaderOverrideBps: 300,
      rules: [
        { ruleId: 'pct', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 800 },
        { ruleId: 'fixed', scope: 'ticket_type', basis: 'fixed_per_ticket', amount: { amount: 100, currency: 'EUR' } },
      ],
    });
    const leader = await givenPromoter(api.call);
    const { promoter } = await givenPromoter(api.call, { planId: plan.id, leaderId: leader.promoter.id });

    const order = await paidVia(api.call, event.id, type.id, { promoterCode: promoter.code, quantity: 2 });
    const intent = order.payment!.paymentIntentId;
    const events = (await api.call('GET', '/dev/stripe/events', { role: null })).body.items as Array<{ id: string; type: string }>;
    const succeeded: string[] = [];
    for (const e of events.filter((x) => x.type === 'payment_intent.succeeded')) {
      const one = await api.call('GET', `/dev/stripe/events/${e.id}`, { role: null });
      if (one.body.event.data.object.id === intent) succeeded.push(e.id);
    }
    expect(succeeded).toHaveLength(1);
    const resends = await Promise.all(Array.from({ length: 5 }, () => api.call<DevStripeOutcome>('POST', `/dev/stripe/events/${succeeded[0]}/resend`, { role: null })));
    expect(resends.every((r) => r.body.delivered.status === 200)).toBe(true);
    await api.stripe.idle();
    await api.bus.drain();

    // And the same order.paid delivered to the consumer again, twice at once (EventBridge is at-least-once).
    const paid = api.bus.recent.find((e) => e['detail-type'] === 'order.paid' && (e.detail as any).data.orderId === order.id)!;
    expect(paid).toBeDefined();
    await Promise.all([promoterLedger(paid as never, {} as never), promoterLedger(paid as never, {} as never), promoterLedger({ ...paid, id: 'another-delivery' } as never, {} as never)]);

    const lines = (await ledgerOf(api.call, promoter.id)).filter((l) => l.orderId === order.id);
    expect(lines.map((l) => [l.ruleId, l.kind, l.amount]).sort()).toEqual([
      ['fixed', 'sale', 200],
      ['pct', 'sale', 400],
    ]);
    const leaderLines = (await ledgerOf(api.call, leader.promoter.id)).filter((l) => l.orderId === order.id);
    expect(leaderLines.map((l) => [l.ruleId, l.amount])).toEqual([['leader', 150]]);
    const earned = api.bus.recent.filter((e) => e['detail-type'] === 'promoter.commission_earned' && (e.detail as any).data.orderId === order.id);
    expect(earned).toHaveLength(3);
  });
});
