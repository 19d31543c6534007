import { givenEvent, givenVenue, hours } from '../../support/fixtures.ts';
import { givenOrder, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../../support/sales-fixtures.ts';
import { gridMap } from '../../support/seating-fixtures.ts';
import { givenPromoter } from '../../support/promoter-fixtures.ts';
import { givenConference, givenTickets } from '../../support/conference-fixtures.ts';
import { contact, created, endpoint, endpointBody, eur, uniq, workflow, type Scenario } from './kit.ts';

/** The routes covered first: CRM, sales, admin, a first slice of conference and nightlife. */
export const coreScenarios: Record<string, Scenario> = {
  'POST /v1/venues': async () => ({ path: '/v1/venues', body: { name: 'Covered' } }),
  'PATCH /v1/venues/{id}': async (call) => ({ path: `/v1/venues/${(await givenVenue(call)).id}`, body: { capacity: 10 } }),
  'POST /v1/events': async (call) => ({
    path: '/v1/events',
    body: { venueId: (await givenVenue(call)).id, name: 'Covered', startsAt: hours(48), endsAt: hours(50), currency: 'EUR' },
  }),
  'PATCH /v1/events/{id}': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}`, body: { name: 'Renamed' } }),
  'POST /v1/events/{id}/publish': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/publish` }),
  'POST /v1/events/{id}/cancel': async (call) => ({ path: `/v1/events/${(await givenPublishedEvent(call)).id}/cancel`, body: { reason: 'Covered' } }),
  'POST /v1/events/{id}/ticket-types': async (call) => ({
    path: `/v1/events/${(await givenEvent(call)).id}/ticket-types`,
    body: { name: 'GA', price: eur(1000), capacity: 10, maxPerOrder: 5 },
  }),
  'PATCH /v1/events/{id}/ticket-types/{ticketTypeId}': async (call) => {
    const event = await givenEvent(call);
    const type = await givenTicketType(call, event.id);
    return { path: `/v1/events/${event.id}/ticket-types/${type.id}`, body: { name: 'Renamed' } };
  },
  'POST /v1/events/{id}/orders': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id);
    return { path: `/v1/events/${event.id}/orders`, body: { buyer: { email: `buyer.${uniq()}@example.com`, firstName: 'B', lastName: 'Uyer' }, items: [{ ticketTypeId: type.id, quantity: 1 }] } };
  },
  'POST /v1/orders/{id}/cancel': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id);
    const order = await givenOrder(call, event.id, type.id);
    return { path: `/v1/orders/${order.id}/cancel` };
  },
  'POST /v1/events/{id}/check-in-lists': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/check-in-lists`, body: { name: 'Doors' } }),
  'POST /v1/contacts': async () => ({ path: '/v1/contacts', body: { email: `cov.${uniq()}@example.com`, firstName: 'Ana' } }),
  'PATCH /v1/contacts/{id}': async (call) => ({ path: `/v1/contacts/${await contact(call)}`, body: { firstName: 'Bea' } }),
  'DELETE /v1/contacts/{id}': async (call) => ({ path: `/v1/contacts/${await contact(call)}` }),
  'POST /v1/contacts/{id}/restore': async (call) => {
    const id = await contact(call);
    await call('DELETE', `/v1/contacts/${id}`);
    return { path: `/v1/contacts/${id}/restore` };
  },
  'DELETE /v1/contacts/{id}/permanent': async (call) => {
    const id = await contact(call);
    await call('DELETE', `/v1/contacts/${id}`);
    return { path: `/v1/contacts/${id}/permanent` };
  },
  'POST /v1/companies': async () => ({ path: '/v1/companies', body: { name: `Co ${uniq()}` } }),
  'PATCH /v1/companies/{id}': async (call) => ({ path: `/v1/companies/${await created(call, '/v1/companies', { name: `Co ${uniq()}` })}`, body: { name: 'Renamed' } }),
  'DELETE /v1/companies/{id}': async (call) => ({ path: `/v1/companies/${await created(call, '/v1/companies', { name: `Co ${uniq()}` })}` }),
  'POST /v1/interactions': async (call) => ({ path: '/v1/interactions', body: { contactId: await contact(call), type: 'call', subject: 'Hi' } }),
  'PATCH /v1/interactions/{id}': async (call) => ({
    path: `/v1/interactions/${await created(call, '/v1/interactions', { contactId: await contact(call), type: 'call', subject: 'Hi' })}`,
    body: { subject: 'Hello' },
  }),
  'DELETE /v1/interactions/{id}': async (call) => ({
    path: `/v1/interactions/${await created(call, '/v1/interactions', { contactId: await contact(call), type: 'call', subject: 'Hi' })}`,
  }),
  'POST /v1/tasks': async () => ({ path: '/v1/tasks', body: { title: 'Call back', dueAt: hours(2) } }),
  'PATCH /v1/tasks/{id}': async (call) => ({ path: `/v1/tasks/${await created(call, '/v1/tasks', { title: 'T', dueAt: hours(2) })}`, body: { title: 'T2' } }),
  'DELETE /v1/tasks/{id}': async (call) => ({ path: `/v1/tasks/${await created(call, '/v1/tasks', { title: 'T', dueAt: hours(2) })}` }),
  'POST /v1/notes': async (call) => ({ path: '/v1/notes', body: { contactId: await contact(call), body: 'Likes jazz' } }),
  'PATCH /v1/notes/{id}': async (call, userId) => ({ path: `/v1/notes/${await created(call, '/v1/notes', { contactId: await contact(call), body: 'x' }, userId)}`, body: { body: 'y' } }),
  'DELETE /v1/notes/{id}': async (call, userId) => ({ path: `/v1/notes/${await created(call, '/v1/notes', { contactId: await contact(call), body: 'x' }, userId)}` }),
  'POST /v1/segments': async () => ({ path: '/v1/segments', body: { name: 'VIPs', filter: { tag: uniq() } } }),
  'PATCH /v1/segments/{id}': async (call) => ({ path: `/v1/segments/${await created(call, '/v1/segments', { name: 'S', filter: { tag: uniq() } })}`, body: { name: 'S2' } }),
  'DELETE /v1/segments/{id}': async (call) => ({ path: `/v1/segments/${await created(call, '/v1/segments', { name: 'S', filter: { tag: uniq() } })}` }),
  'POST /v1/leads': async () => ({ path: '/v1/leads', body: { person: { email: `lead.${uniq()}@example.com`, firstName: 'Lead' } } }),
  'POST /v1/pipelines': async () => ({ path: '/v1/pipelines', body: { name: `P ${uniq()}`, stages: [{ name: 'new', probability: 10 }, { name: 'won', kind: 'won' }, { name: 'lost', kind: 'lost' }] } }),
  'POST /v1/opportunities': async () => ({ path: '/v1/opportunities', body: { name: 'Deal', amount: eur(1000), expectedCloseDate: '2027-01-15' } }),
  'PATCH /v1/opportunities/{id}': async (call) => ({
    path: `/v1/opportunities/${await created(call, '/v1/opportunities', { name: 'Deal', amount: eur(1000), expectedCloseDate: '2027-01-15' })}`,
    body: { name: 'Bigger deal' },
  }),
  'POST /v1/roles': async () => ({ path: '/v1/roles', body: { name: `r_${uniq()}`, permissions: ['contacts:read'], level: 10 } }),
  'PUT /v1/consent-purposes/{purposeId}': async () => ({ path: '/v1/consent-purposes/photography', body: { name: 'Photos', text: `Text ${uniq()}`, channel: 'none' } }),
  'POST /v1/contacts/{id}/consents': async (call) => ({ path: `/v1/contacts/${await contact(call)}/consents`, body: { purpose: 'sms', state: 'granted' } }),
  'POST /v1/contacts/{id}/erase': async (call) => ({ path: `/v1/contacts/${await contact(call)}/erase` }),
  'POST /v1/imports/mapping': async () => ({ path: '/v1/imports/mapping', body: { resource: 'contacts', csv: 'email,first name\na@example.com,Ana\n' } }),
  'POST /v1/events/{id}/vouchers': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/vouchers`, body: { code: `COV${uniq().toUpperCase()}`, kind: 'percent', percent: 10, maxUsages: 1 } }),
  'PUT /v1/lead-scoring-settings': async () => ({ path: '/v1/lead-scoring-settings', body: { cap: 90 } }),
  'POST /v1/lead-scoring-rules': async () => ({ path: '/v1/lead-scoring-rules', body: { field: 'contact.eventsAttended', op: 'gte', value: 2, points: 5 } }),
  'PATCH /v1/lead-scoring-rules/{id}': async (call) => ({
    path: `/v1/lead-scoring-rules/${await created(call, '/v1/lead-scoring-rules', { field: 'contact.eventsAttended', op: 'gte', value: 3, points: 5 })}`,
    body: { points: 40 },
  }),
  'DELETE /v1/lead-scoring-rules/{id}': async (call) => ({
    path: `/v1/lead-scoring-rules/${await created(call, '/v1/lead-scoring-rules', { field: 'contact.eventsAttended', op: 'gte', value: 4, points: 5 })}`,
  }),
  'PATCH /v1/leads/{id}': async (call) => ({
    path: `/v1/leads/${await created(call, '/v1/leads', { person: { email: `lead.${uniq()}@example.com`, firstName: 'Lead' } })}`,
    body: { status: 'contacted' },
  }),
  'PATCH /v1/pipelines/{id}': async (call) => ({
    path: `/v1/pipelines/${await created(call, '/v1/pipelines', { name: `P ${uniq()}`, stages: [{ name: 'new', probability: 10 }, { name: 'won', kind: 'won' }, { name: 'lost', kind: 'lost' }] })}`,
    body: { name: `Renamed ${uniq()}` },
  }),
  'PATCH /v1/roles/{id}': async (call) => ({
    path: `/v1/roles/${await created(call, '/v1/roles', { name: `r_${uniq()}`, permissions: ['contacts:read'], level: 10 })}`,
    body: { description: 'Changed' },
  }),
  'POST /v1/users': async () => {
    const name = `u${uniq()}`;
    return { path: '/v1/users', body: { username: name, email: `${name}@staff.example`, roleId: 'sales' } };
  },
  'POST /v1/commission-plans': async () => ({
    path: '/v1/commission-plans',
    body: { name: 'Standard RRPP', holdDays: 7, rules: [{ ruleId: 'pct', scope: 'ticket_type', basis: 'percent_of_net', rateBps: 1000 }] },
  }),
  'POST /v1/webhook-endpoints': async (_call, _user, stack) => ({ path: '/v1/webhook-endpoints', body: endpointBody(stack) }),
  'PATCH /v1/webhook-endpoints/{id}': async (call, _user, stack) => ({ path: `/v1/webhook-endpoints/${await endpoint(call, stack)}`, body: { description: 'changed' } }),
  'DELETE /v1/webhook-endpoints/{id}': async (call, _user, stack) => ({ path: `/v1/webhook-endpoints/${await endpoint(call, stack)}` }),
  'POST /v1/webhook-endpoints/{id}/rotate-secret': async (call, _user, stack) => ({ path: `/v1/webhook-endpoints/${await endpoint(call, stack)}/rotate-secret` }),
  'POST /v1/imports': async () => ({ path: '/v1/imports', body: { resource: 'contacts', csv: `email,first name\nimp.${uniq()}@example.com,Ana\n` } }),
  'POST /v1/imports/uploads': async () => ({ path: '/v1/imports/uploads' }),
  'POST /v1/contacts/{id}/data-export': async (call) => ({ path: `/v1/contacts/${await contact(call)}/data-export` }),
  'POST /v1/exports': async () => ({ path: '/v1/exports', body: { kind: 'contacts', filter: { tag: `exp${uniq()}` } } }),
  // A public visit (UTM or promoter link) on a published event (public: the test calls it anonymously).
  'POST /v1/events/{id}/visits': async (call) => ({
    path: `/v1/events/${(await givenPublishedEvent(call)).id}/visits`,
    body: { utm: { source: 'newsletter', medium: 'email', campaign: `cov${uniq()}` } },
  }),
  'POST /v1/lifetime-value/runs': async () => ({ path: '/v1/lifetime-value/runs', body: {} }),
  'POST /v1/events/{id}/rooms': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/rooms`, body: { name: 'Hall A', capacity: 300 } }),
  'POST /v1/events/{id}/sessions': async (call) => ({
    path: `/v1/events/${(await givenEvent(call)).id}/sessions`,
    body: { title: 'Talk', state: 'scheduled', startsAt: hours(49), endsAt: hours(50) },
  }),
  'PATCH /v1/events/{id}/sessions/{sessionId}': async (call) => {
    const event = await givenEvent(call);
    const session = await created(call, `/v1/events/${event.id}/sessions`, { title: 'Talk', state: 'scheduled', startsAt: hours(49), endsAt: hours(50) });
    return { path: `/v1/events/${event.id}/sessions/${session}`, body: { title: 'Keynote' } };
  },
  'PUT /v1/events/{id}/feedback-settings': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/feedback-settings`, body: { enabled: false } }),
  'POST /v1/events/{id}/speakers': async (call) => ({ path: `/v1/events/${(await givenEvent(call)).id}/speakers`, body: { email: `speaker.${uniq()}@example.com`, firstName: 'Lee' } }),
  'POST /v1/events/{id}/guest-lists': async (call) => ({
    path: `/v1/events/${(await givenEvent(call)).id}/guest-lists`,
    body: { name: 'Friday list', tiers: [{ tierId: 'vip', name: 'VIP', quota: 10, deadline: hours(40) }] },
  }),
  'PATCH /v1/users/{id}': async (call) => {
    const name = `u${uniq()}`;
    return { path: `/v1/users/${await created(call, '/v1/users', { username: name, email: `${name}@staff.example`, roleId: 'sales' })}`, body: { roleId: 'scanner' } };
  },
  'DELETE /v1/users/{id}': async (call) => {
    const name = `u${uniq()}`;
    return { path: `/v1/users/${await created(call, '/v1/users', { username: name, email: `${name}@staff.example`, roleId: 'sales' })}` };
  },
  'POST /v1/events/{id}/bundles': async (call) => {
    const event = await givenEvent(call);
    const a = await givenTicketType(call, event.id, { name: 'VIP', capacity: 10, price: eur(5000) });
    return { path: `/v1/events/${event.id}/bundles`, body: { name: 'VIP night', items: [{ ticketTypeId: a.id, quantity: 2 }], price: eur(9000) } };
  },
  'POST /v1/events/{id}/seat-maps': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { name: 'Stalls', capacity: 20, maxPerOrder: 40 });
    return { path: `/v1/events/${event.id}/seat-maps`, body: { map: gridMap({ ticketTypeId: type.id }) } };
  },
  'POST /v1/events/{id}/seat-maps/{version}/publish': async (call) => {
    const event = await givenPublishedEvent(call);
    const type = await givenTicketType(call, event.id, { name: 'Stalls', capacity: 20, maxPerOrder: 40 });
    const map = await call('POST', `/v1/events/${event.id}/seat-maps`, { body: { map: gridMap({ ticketTypeId: type.id }) } });
    return { path: `/v1/events/${event.id}/seat-maps/${map.body.version}/publish` };
  },
  'POST /v1/events/{id}/check-ins': async (call) => {
    const event = await givenPublishedEvent(call);
    const free = await givenTicketType(call, event.id, { price: eur(0) });
    const order = await givenPaidOrder(call, event.id, free.id);
    return { path: `/v1/events/${event.id}/check-ins`, body: { code: order.tickets![0]!.code, deviceId: 'gate-1' } };
  },
  'POST /v1/events/{id}/tables': async (call) => ({
    path: `/v1/events/${(await givenPublishedEvent(call)).id}/tables`,
    body: { name: 'Booth 1', minParty: 4, maxParty: 8, minimumSpend: eur(80000), deposit: { kind: 'percent', percent: 25 }, refundableUntil: hours(24), arrivalCutoff: hours(49) },
  }),
  'POST /v1/workflows': async () => ({ path: '/v1/workflows', body: { name: `wf ${uniq()}`, definition: { trigger: { type: 'manual' }, steps: [{ type: 'exit' }] } } }),
  'POST /v1/workflows/{id}/versions': async (call) => ({
    path: `/v1/workflows/${await workflow(call)}/versions`,
    body: { definition: { trigger: { type: 'manual' }, steps: [{ type: 'exit' }] } },
  }),
  'POST /v1/workflows/{id}/pause': async (call) => ({ path: `/v1/workflows/${await workflow(call)}/pause` }),
  'POST /v1/workflows/{id}/resume': async (call) => {
    const id = await workflow(call);
    await call('POST', `/v1/workflows/${id}/pause`);
    return { path: `/v1/workflows/${id}/resume` };
  },
  'POST /v1/workflows/{id}/runs': async (call) => ({ path: `/v1/workflows/${await workflow(call)}/runs`, body: { contactId: await contact(call) } }),
  'POST /v1/opportunities/{id}/stage': async (call) => {
    const pipeline = (await call('GET', '/v1/pipelines')).body.items.find((p: { isDefault: boolean }) => p.isDefault);
    const opportunity = await created(call, '/v1/opportunities', { name: 'Deal', amount: eur(1000), expectedCloseDate: '2027-01-15' });
    return { path: `/v1/opportunities/${opportunity}/stage`, body: { stageId: pipeline.stages[1].id } };
  },
  'POST /v1/promoters': async (call) => {
    const name = `rrpp${uniq()}`;
    const user = await created(call, '/v1/users', { username: name, email: `${name}@promo.example`, roleId: 'promoter' });
    return { path: '/v1/promoters', body: { name: `Promoter ${name}`, email: `${name}@promo.example`, userId: user, code: name.toUpperCase() } };
  },
  'PATCH /v1/promoters/{id}': async (call) => ({ path: `/v1/promoters/${(await givenPromoter(call)).promoter.id}`, body: { name: 'Renamed promoter' } }),
  'POST /v1/promoters/{id}/links': async (call) => ({
    path: `/v1/promoters/${(await givenPromoter(call)).promoter.id}/links`,
    body: { eventId: (await givenPublishedEvent(call)).id },
  }),
  'POST /v1/promoters/{id}/ledger/approve': async (call) => ({ path: `/v1/promoters/${(await givenPromoter(call)).promoter.id}/ledger/approve`, body: {} }),
  'POST /v1/contacts/{id}/consents/{purposeId}/opt-in': async (call) => ({ path: `/v1/contacts/${await contact(call)}/consents/sms/opt-in`, body: {} }),
  'POST /v1/events/{id}/schedule-versions': async (call) => {
    const event = await givenEvent(call);
    await created(call, `/v1/events/${event.id}/sessions`, { title: 'Talk', state: 'scheduled', startsAt: hours(49), endsAt: hours(50) });
    return { path: `/v1/events/${event.id}/schedule-versions`, body: { comment: 'First release' } };
  },
  'PUT /v1/tickets/{id}/attendee': async (call) => {
    const { event, type } = await givenConference(call);
    const { tickets } = await givenTickets(call, event.id, type.id);
    return { path: `/v1/tickets/${tickets[0]!.id}/attendee`, body: { firstName: 'Ana', lastName: 'Ruiz', email: `att.${uniq()}@example.com` } };
  },
  'POST /v1/imports/{id}/undo': async (call) => {
    const started = await call('POST', '/v1/imports', { body: { resource: 'contacts', csv: `email\nundo.${uniq()}@example.com\n` } });
    for (let i = 0; i < 400 && (await call('GET', `/v1/imports/${started.body.id}`)).body.status !== 'done'; i++) await new Promise((r) => setTimeout(r, 50));
    return { path: `/v1/imports/${started.body.id}/undo` };
  },
};
