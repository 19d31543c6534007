import { givenTickets } from '../../support/conference-fixtures.ts';
import { hours } from '../../support/fixtures.ts';
import type { ApiCaller } from '../../support/local-api.ts';
import { buyerEmail } from '../../support/sales-fixtures.ts';
import { attendeeLink, givenCompany, givenExhibitor, givenStaff, givenTradeShow } from '../../support/tradeshow-fixtures.ts';
import { eur, ok, uniq, type Scenario } from './kit.ts';

/** Trade shows, as test/e2e/tradeshow-*.test.ts build them: a published show with a hall map, sponsors, exhibitors, networking attendees. */
async function givenSponsorship(call: ApiCaller) {
  const { event, passType } = await givenTradeShow(call);
  const tier = await ok(call, 'POST', `/v1/events/${event.id}/sponsor-tiers`, {
    name: 'Gold', price: eur(500_000), passTicketTypeId: passType.id,
    benefits: [{ kind: 'booth', description: '3×3 booth' }, { kind: 'passes', quantity: 2, description: 'Two sponsor passes' }],
  });
  const company = await givenCompany(call, `Sponsor ${uniq()}`);
  const sponsorship = await ok(call, 'POST', `/v1/events/${event.id}/sponsors`, { companyId: company.id, tierId: tier.id, ownerId: 'owner-a' });
  return { event, sponsorship, base: `/v1/events/${event.id}/sponsors/${sponsorship.id}` };
}

/** Two attendees in the networking directory, and the first slot of the 15-minute grid after the event's first hour. */
async function givenNetworkers(call: ApiCaller) {
  const { event, type } = await givenTradeShow(call, 1);
  const startsAt = (await ok(call, 'GET', `/v1/events/${event.id}`)).startsAt as string;
  const { tickets } = await givenTickets(call, event.id, type.id, 2);
  const [a, b] = tickets.map((t) => ({ ticketId: t.id, link: attendeeLink(t.id, event.id) }));
  for (const [i, p] of [a!, b!].entries()) {
    const res = await call('PUT', `/v1/attendee-links/${p.link}/networking/profile`, { role: null, body: { displayName: `Person ${i}`, interests: ['ai'] } });
    if (res.status !== 200) throw new Error(`profile: ${res.status} ${JSON.stringify(res.body)}`);
  }
  const first = Math.ceil((Date.parse(startsAt) + 3600_000) / 900_000) * 900_000;
  return { event, a: a!, b: b!, slot: (k: number) => new Date(first + k * 900_000).toISOString() };
}

/** A meeting `a` asked `b` for. */
async function givenMeeting(call: ApiCaller) {
  const people = await givenNetworkers(call);
  const res = await call('POST', `/v1/attendee-links/${people.a.link}/meetings`, { role: null, body: { withTicketId: people.b.ticketId, startsAt: people.slot(1), minutes: 15 } });
  if (res.status !== 201) throw new Error(`meeting: ${res.status} ${JSON.stringify(res.body)}`);
  return { ...people, meetingId: res.body.id as string };
}

/** An exhibitor whose staff is the test's caller, and a visitor's ticket who shares their details. */
async function givenExhibitorWithVisitor(call: ApiCaller, userId: string) {
  const { event, type } = await givenTradeShow(call);
  const exhibitor = await givenExhibitor(call, event.id, { name: `Acme ${uniq()}` });
  await givenStaff(call, event.id, exhibitor.id, userId);
  const { tickets } = await givenTickets(call, event.id, type.id, 1);
  return { event, exhibitor, ticket: tickets[0]!, base: `/v1/events/${event.id}/exhibitors/${exhibitor.id}` };
}

export const tradeshowScenarios: Record<string, Scenario> = {
  'POST /v1/events/{id}/sponsor-tiers': async (call) => {
    const { event, passType } = await givenTradeShow(call);
    return { path: `/v1/events/${event.id}/sponsor-tiers`, body: { name: 'Gold', price: eur(500_000), passTicketTypeId: passType.id, benefits: [{ kind: 'logo', description: 'Logo' }] } };
  },
  'POST /v1/events/{id}/sponsors': async (call) => {
    const { event, passType } = await givenTradeShow(call);
    const tier = await ok(call, 'POST', `/v1/events/${event.id}/sponsor-tiers`, { name: 'Gold', price: eur(500_000), passTicketTypeId: passType.id, benefits: [{ kind: 'logo', description: 'Logo' }] });
    const company = await givenCompany(call, `Sponsor ${uniq()}`);
    return { path: `/v1/events/${event.id}/sponsors`, body: { companyId: company.id, tierId: tier.id, ownerId: 'owner-a' } };
  },
  'POST /v1/events/{id}/sponsors/{sponsorshipId}/status': async (call) => ({ path: `${(await givenSponsorship(call)).base}/status`, body: { status: 'proposal' } }),
  'PATCH /v1/events/{id}/sponsors/{sponsorshipId}/benefits/{benefitId}': async (call) => {
    const { sponsorship, base } = await givenSponsorship(call);
    return { path: `${base}/benefits/${sponsorship.benefits[0].id}`, body: { dueAt: hours(30) } };
  },
  'POST /v1/events/{id}/sponsors/{sponsorshipId}/benefits/{benefitId}/deliver': async (call) => {
    const { sponsorship, base } = await givenSponsorship(call);
    return { path: `${base}/benefits/${sponsorship.benefits[0].id}/deliver` };
  },
  'POST /v1/events/{id}/sponsors/{sponsorshipId}/passes': async (call) => {
    const { base } = await givenSponsorship(call);
    await ok(call, 'POST', `${base}/status`, { status: 'proposal' });
    await ok(call, 'POST', `${base}/status`, { status: 'signed' });
    return { path: `${base}/passes`, body: { firstName: 'Pat', lastName: 'Pass', email: buyerEmail('pass') } };
  },
  'POST /v1/events/{id}/sponsors/{sponsorshipId}/invoice': async (call) => {
    const { base } = await givenSponsorship(call);
    await ok(call, 'POST', `${base}/status`, { status: 'proposal' });
    await ok(call, 'POST', `${base}/status`, { status: 'signed' });
    return { path: `${base}/invoice`, body: { number: `INV-${uniq()}` } };
  },
  'POST /v1/events/{id}/sponsors/{sponsorshipId}/payments': async (call) => {
    const { base } = await givenSponsorship(call);
    await ok(call, 'POST', `${base}/status`, { status: 'proposal' });
    await ok(call, 'POST', `${base}/status`, { status: 'signed' });
    await ok(call, 'POST', `${base}/invoice`, {});
    return { path: `${base}/payments`, body: { method: 'bank_transfer', reference: `BANK-${uniq()}`, amount: eur(500_000) }, headers: { 'idempotency-key': crypto.randomUUID() } };
  },
  'PUT /v1/events/{id}/booths/{boothGuid}': async (call) => ({ path: `/v1/events/${(await givenTradeShow(call)).event.id}/booths/B-1`, body: { price: eur(120_000) } }),
  'POST /v1/events/{id}/booths/{boothGuid}/booking': async (call) => {
    const { event } = await givenTradeShow(call);
    await ok(call, 'PUT', `/v1/events/${event.id}/booths/B-1`, { price: eur(100_000) });
    const exhibitor = await givenExhibitor(call, event.id);
    return { path: `/v1/events/${event.id}/booths/B-1/booking`, body: { exhibitorId: exhibitor.id } };
  },
  'POST /v1/events/{id}/exhibitors': async (call) => ({ path: `/v1/events/${(await givenTradeShow(call)).event.id}/exhibitors`, body: { name: 'Acme Robotics' } }),
  'PATCH /v1/events/{id}/exhibitors/{exhibitorId}': async (call) => {
    const { event } = await givenTradeShow(call);
    return { path: `/v1/events/${event.id}/exhibitors/${(await givenExhibitor(call, event.id)).id}`, body: { name: 'Acme Renamed' } };
  },
  'POST /v1/events/{id}/exhibitors/{exhibitorId}/staff': async (call) => {
    const { event } = await givenTradeShow(call);
    return { path: `/v1/events/${event.id}/exhibitors/${(await givenExhibitor(call, event.id)).id}/staff`, body: { userId: `staff-${uniq()}` } };
  },
  'DELETE /v1/events/{id}/exhibitors/{exhibitorId}/staff/{userId}': async (call) => {
    const { event } = await givenTradeShow(call);
    const exhibitor = await givenExhibitor(call, event.id);
    const userId = `staff-${uniq()}`;
    await givenStaff(call, event.id, exhibitor.id, userId);
    return { path: `/v1/events/${event.id}/exhibitors/${exhibitor.id}/staff/${userId}` };
  },
  'POST /v1/events/{id}/exhibitors/{exhibitorId}/booth-invoice': async (call) => {
    const { event } = await givenTradeShow(call);
    await ok(call, 'PUT', `/v1/events/${event.id}/booths/B-1`, { price: eur(100_000) });
    const exhibitor = await givenExhibitor(call, event.id);
    await ok(call, 'POST', `/v1/events/${event.id}/booths/B-1/booking`, { exhibitorId: exhibitor.id });
    return { path: `/v1/events/${event.id}/exhibitors/${exhibitor.id}/booth-invoice`, body: {} };
  },
  'POST /v1/events/{id}/exhibitors/{exhibitorId}/booth-payments': async (call) => {
    const { event } = await givenTradeShow(call);
    await ok(call, 'PUT', `/v1/events/${event.id}/booths/B-1`, { price: eur(100_000) });
    const exhibitor = await givenExhibitor(call, event.id);
    await ok(call, 'POST', `/v1/events/${event.id}/booths/B-1/booking`, { exhibitorId: exhibitor.id });
    await ok(call, 'POST', `/v1/events/${event.id}/exhibitors/${exhibitor.id}/booth-invoice`, {});
    return {
      path: `/v1/events/${event.id}/exhibitors/${exhibitor.id}/booth-payments`,
      body: { method: 'bank_transfer', reference: `BANK-${uniq()}`, amount: eur(100_000) },
      headers: { 'idempotency-key': crypto.randomUUID() },
    };
  },
  // Scanned by the exhibitor's own staff (the test's caller).
  'POST /v1/events/{id}/exhibitors/{exhibitorId}/scans': async (call, userId) => {
    const { ticket, base } = await givenExhibitorWithVisitor(call, userId);
    return { path: `${base}/scans`, body: { code: ticket.code }, role: 'exhibitor_staff' };
  },
  'PATCH /v1/events/{id}/exhibitors/{exhibitorId}/leads/{leadId}': async (call, userId) => {
    const { ticket, base } = await givenExhibitorWithVisitor(call, userId);
    const lead = await call('POST', `${base}/scans`, { role: 'exhibitor_staff', userId, body: { code: ticket.code } });
    if (lead.status !== 201) throw new Error(`scan: ${lead.status} ${JSON.stringify(lead.body)}`);
    return { path: `${base}/leads/${lead.body.id}`, body: { rating: 5, notes: 'Wants a demo' }, role: 'exhibitor_staff' };
  },
  'PUT /v1/attendee-links/{token}/lead-sharing': async (call) => {
    const { event, type } = await givenTradeShow(call);
    const { tickets } = await givenTickets(call, event.id, type.id, 1);
    return { path: `/v1/attendee-links/${attendeeLink(tickets[0]!.id, event.id)}/lead-sharing`, body: { share: true } };
  },
  'PUT /v1/events/{id}/networking': async (call) => ({ path: `/v1/events/${(await givenTradeShow(call, 1)).event.id}/networking`, body: { defaultQuota: 5, locations: ['Table 1'] } }),
  'PUT /v1/attendee-links/{token}/networking/profile': async (call) => {
    const { event, type } = await givenTradeShow(call, 1);
    const { tickets } = await givenTickets(call, event.id, type.id, 1);
    return { path: `/v1/attendee-links/${attendeeLink(tickets[0]!.id, event.id)}/networking/profile`, body: { displayName: 'Person', interests: ['ai'] } };
  },
  'DELETE /v1/attendee-links/{token}/networking/profile': async (call) => ({ path: `/v1/attendee-links/${(await givenNetworkers(call)).a.link}/networking/profile` }),
  'POST /v1/attendee-links/{token}/meetings': async (call) => {
    const { a, b, slot } = await givenNetworkers(call);
    return { path: `/v1/attendee-links/${a.link}/meetings`, body: { withTicketId: b.ticketId, startsAt: slot(1), minutes: 15 } };
  },
  'POST /v1/attendee-links/{token}/meetings/{meetingId}/accept': async (call) => {
    const { b, meetingId } = await givenMeeting(call);
    return { path: `/v1/attendee-links/${b.link}/meetings/${meetingId}/accept` };
  },
  'POST /v1/attendee-links/{token}/meetings/{meetingId}/decline': async (call) => {
    const { b, meetingId } = await givenMeeting(call);
    return { path: `/v1/attendee-links/${b.link}/meetings/${meetingId}/decline` };
  },
  'POST /v1/attendee-links/{token}/meetings/{meetingId}/cancel': async (call) => {
    const { a, meetingId } = await givenMeeting(call);
    return { path: `/v1/attendee-links/${a.link}/meetings/${meetingId}/cancel` };
  },
  'POST /v1/attendee-links/{token}/meetings/{meetingId}/reschedule': async (call) => {
    const { a, meetingId, slot } = await givenMeeting(call);
    return { path: `/v1/attendee-links/${a.link}/meetings/${meetingId}/reschedule`, body: { startsAt: slot(4), minutes: 15 } };
  },
  'POST /v1/attendee-links/{token}/connections': async (call) => {
    const { a, b } = await givenNetworkers(call);
    return { path: `/v1/attendee-links/${a.link}/connections`, body: { withTicketId: b.ticketId, type: 'exchanged_contacts' } };
  },
};
