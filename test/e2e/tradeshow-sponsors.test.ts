import { describe, expect, it } from 'vitest';
import { handler as benefitsDueJob } from '#functions/jobs/sponsor-benefits-due.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail } from '../support/sales-fixtures.ts';
import { busEvents, givenCompany, givenTradeShow } from '../support/tradeshow-fixtures.ts';

const api = useTestApi();

async function givenSponsorship(passTypeId: string, eventId: string, ownerId: string) {
  const tier = await api.call('POST', `/v1/events/${eventId}/sponsor-tiers`, {
    body: {
      name: 'Gold',
      price: { amount: 500_000, currency: 'EUR' },
      passTicketTypeId: passTypeId,
      benefits: [
        { kind: 'booth', description: '3×3 booth' },
        { kind: 'passes', quantity: 2, description: 'Two sponsor passes' },
        { kind: 'logo', description: 'Logo on the badge lanyard', dueDaysBeforeEvent: 1 },
      ],
    },
  });
  expect(tier.status).toBe(201);
  const company = await givenCompany(api.call, `Sponsor ${ownerId}`);
  const created = await api.call('POST', `/v1/events/${eventId}/sponsors`, { body: { companyId: company.id, tierId: tier.body.id, ownerId } });
  expect(created.status).toBe(201);
  return created.body;
}

const opportunity = async (id: string) => (await api.call('GET', `/v1/opportunities/${id}`)).body;
const stageName = async (opportunityId: string) => {
  const o = await opportunity(opportunityId);
  const pipeline = (await api.call('GET', `/v1/pipelines/${o.pipelineId}`)).body;
  return { name: pipeline.stages.find((s: { id?: string; stageId?: string }) => (s.id ?? s.stageId) === o.stageId).name, status: o.status, amount: o.amount };
};

describe('sponsors', () => {
  it("moves the sponsorship's opportunity with the contract status, and fulfils only once every benefit is delivered", async () => {
    const { event, passType } = await givenTradeShow(api.call);
    const s = await givenSponsorship(passType.id, event.id, 'owner-a');
    expect(s).toMatchObject({ status: 'lead', amount: { amount: 500_000, currency: 'EUR' }, passesAllowed: 2, passesIssued: 0 });
    expect(s.benefits.map((b: { kind: string }) => b.kind)).toEqual(['booth', 'passes', 'logo']);
    expect(await stageName(s.opportunityId)).toMatchObject({ name: 'Prospecting', status: 'open', amount: { amount: 500_000, currency: 'EUR' } });

    const move = (status: string) => api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/status`, { body: { status } });
    expect((await move('proposal')).status).toBe(200);
    expect(await stageName(s.opportunityId)).toMatchObject({ name: 'Proposal', status: 'open' });
    // Passes only once signed.
    const early = await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/passes`, { body: { firstName: 'Pia', lastName: 'Early', email: buyerEmail('pass') } });
    expect([early.status, early.body.code]).toEqual([409, 'not_signed']);

    expect((await move('signed')).body).toMatchObject({ status: 'signed', signedAt: expect.any(String) });
    expect(await stageName(s.opportunityId)).toMatchObject({ name: 'Won', status: 'won' });
    expect(busEvents(api.bus, 'sponsor.signed').filter((d) => d.sponsorshipId === s.id)).toEqual([
      expect.objectContaining({ opportunityId: s.opportunityId, companyId: s.companyId, amount: { amount: 500_000, currency: 'EUR' } }),
    ]);
    const back = await move('proposal');
    expect([back.status, back.body.code]).toEqual([409, 'invalid_transition']);
    expect((await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/invoice`, { body: {} })).body.status).toBe('invoiced');
    const payment = { method: 'bank_transfer', reference: `BANK-${s.id}`, amount: { amount: 500_000, currency: 'EUR' } };
    const paid = await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/payments`, { headers: { 'idempotency-key': crypto.randomUUID() }, body: payment });
    expect([paid.status, paid.body.status]).toEqual([201, 'paid']);

    const notYet = await move('fulfilled');
    expect([notYet.status, notYet.body.code]).toEqual([409, 'benefits_pending']);
    for (const b of s.benefits) {
      const delivered = await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/benefits/${b.id}/deliver`);
      expect(delivered.body).toMatchObject({ status: 'delivered', deliveredAt: expect.any(String) });
    }
    expect(busEvents(api.bus, 'sponsor.benefit_delivered').filter((d) => d.sponsorshipId === s.id)).toHaveLength(3);
    expect((await move('fulfilled')).body).toMatchObject({ status: 'fulfilled', fulfilledAt: expect.any(String) });
    expect(await stageName(s.opportunityId)).toMatchObject({ status: 'won' });
  });

  it('a lost lead moves its opportunity to lost; a lost sponsorship moves no further', async () => {
    const { event, passType } = await givenTradeShow(api.call);
    const s = await givenSponsorship(passType.id, event.id, 'owner-b');
    expect((await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/status`, { body: { status: 'lost' } })).status).toBe(200);
    expect(await stageName(s.opportunityId)).toMatchObject({ status: 'lost' });
    const again = await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/status`, { body: { status: 'signed' } });
    expect(again.status).toBe(409);
  });

  it('an undelivered benefit past its due date gets one task for its owner; a delivered one none', async () => {
    const owner = `sponsor-owner-${Date.now()}`;
    const { event, passType } = await givenTradeShow(api.call);
    const s = await givenSponsorship(passType.id, event.id, owner);
    const [booth, passes, logo] = s.benefits;
    const past = new Date(Date.now() - 3600_000).toISOString();
    for (const b of [booth, logo]) {
      expect((await api.call('PATCH', `/v1/events/${event.id}/sponsors/${s.id}/benefits/${b.id}`, { body: { dueAt: past } })).status).toBe(200);
    }
    await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/benefits/${booth.id}/deliver`);

    await Promise.all([benefitsDueJob(), benefitsDueJob()]);
    await benefitsDueJob();
    const tasks = (await api.call('GET', `/v1/tasks?assignedTo=${owner}`)).body.items;
    expect(tasks).toHaveLength(1);
    expect(tasks[0]).toMatchObject({ title: expect.stringContaining('Logo on the badge lanyard'), assignedTo: owner, opportunityId: s.opportunityId });
    const after = (await api.call('GET', `/v1/events/${event.id}/sponsors/${s.id}`)).body.benefits;
    expect(after.find((b: { id: string }) => b.id === logo.id).taskId).toBe(tasks[0].id);
    expect(after.find((b: { id: string }) => b.id === passes.id).taskId).toBeUndefined();
  });

  it('issues sponsor passes as named free tickets of the pass type, never more than the tier gives', async () => {
    const { event, passType } = await givenTradeShow(api.call);
    const s = await givenSponsorship(passType.id, event.id, 'owner-c');
    await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/status`, { body: { status: 'proposal' } });
    expect((await api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/status`, { body: { status: 'signed' } })).status).toBe(200);
    const issue = (n: number) =>
      api.call('POST', `/v1/events/${event.id}/sponsors/${s.id}/passes`, { body: { firstName: 'Pat', lastName: `Pass${n}`, email: buyerEmail(`pass${n}`), company: 'Sponsor Inc' } });
    const results = await Promise.all([1, 2, 3, 4].map(issue));
    const ok = results.filter((r) => r.status === 201);
    expect(ok).toHaveLength(2);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'passes_used_up')).toBe(true);
    const attendees = (await api.call('GET', `/v1/events/${event.id}/attendees?ticketTypeId=${passType.id}`)).body.items;
    expect(attendees.map((a: { ticketId: string }) => a.ticketId).sort()).toEqual(ok.map((r) => r.body.ticketId).sort());
    expect(attendees.every((a: { attendee: { company: string } }) => a.attendee.company === 'Sponsor Inc')).toBe(true);
    const order = (await api.call('GET', `/v1/orders/${ok[0]!.body.orderId}`)).body;
    expect(order).toMatchObject({ status: 'paid', total: { amount: 0 } });
    // The pass type stays off public sale.
    const publicBuy = await api.call('POST', `/v1/events/${event.id}/orders`, { role: null, body: { buyer: { email: buyerEmail('x') }, items: [{ ticketTypeId: passType.id, quantity: 1 }] } });
    expect(publicBuy.status).toBe(422);
  });

  it("a sponsor's exhibitor booking its booth delivers the sponsorship's booth benefit", async () => {
    const { event, passType } = await givenTradeShow(api.call);
    const s = await givenSponsorship(passType.id, event.id, 'owner-d');
    const exhibitor = await api.call('POST', `/v1/events/${event.id}/exhibitors`, { body: { name: 'Sponsor Co', sponsorshipId: s.id } });
    expect(exhibitor.status).toBe(201);
    await api.call('PUT', `/v1/events/${event.id}/booths/B-2`, { body: { price: { amount: 0, currency: 'EUR' } } });
    expect((await api.call('POST', `/v1/events/${event.id}/booths/B-2/booking`, { body: { exhibitorId: exhibitor.body.id } })).status).toBe(200);
    const benefits = (await api.call('GET', `/v1/events/${event.id}/sponsors/${s.id}`)).body.benefits;
    expect(benefits.map((b: { kind: string; status: string }) => [b.kind, b.status])).toEqual([
      ['booth', 'delivered'],
      ['passes', 'pending'],
      ['logo', 'pending'],
    ]);
  });
});
