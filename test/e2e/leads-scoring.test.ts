import { describe, expect, it } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenCompany, givenContact, givenLead, givenRule, uniq } from '../support/pipeline-fixtures.ts';
import { givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function settle() {
  await api.bus.drain();
  expect(api.bus.deadLetters).toEqual([]);
}

const scoreOf = async (leadId: string) => (await api.call('GET', `/v1/leads/${leadId}`)).body.score as number;

/** The contact attends one more event: a paid ticket in their name, admitted at the door. */
async function attend(email: string) {
  const event = await givenPublishedEvent(api.call);
  const type = await givenTicketType(api.call, event.id);
  const order = await givenPaidOrder(api.call, event.id, type.id, { email });
  const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: order.tickets![0]!.code, deviceId: 'gate-1' }, role: 'scanner' });
  expect(scan.status).toBe(201);
}

describe('lead scoring', () => {
  it("recomputes the issue's example as the facts change: Software +20, attended ≥ 2 +15, +5 per click, cap 100", async () => {
    expect((await api.call('GET', '/v1/lead-scoring-settings')).body).toEqual({ cap: 100, updatedAt: null });
    await givenRule(api.call, { field: 'company.industry', op: 'eq', value: 'Software', points: 20 });
    await givenRule(api.call, { field: 'contact.eventsAttended', op: 'gte', value: 2, points: 15 });
    await givenRule(api.call, { field: 'contact.emailClicks', op: 'per', points: 5 });
    await settle();

    const tag = uniq();
    const company = await givenCompany(api.call, { name: 'Scoreco', domain: `scoreco-${tag}.com`, industry: 'Hardware' });
    const contact = await givenContact(api.call, { email: `ana.${tag}@scoreco-${tag}.com` });
    const lead = await givenLead(api.call, { contactId: contact.id });
    expect(lead).toMatchObject({ companyId: company.id, score: 0 });
    await settle(); // the lead's own contact.updated (leadStatus) is delivered before any fact changes
    expect(await scoreOf(lead.id)).toBe(0);

    // A company fact changes: company.updated → the company's leads are rescored.
    expect((await api.call('PATCH', `/v1/companies/${company.id}`, { body: { industry: 'Software' } })).status).toBe(200);
    await settle();
    expect(await scoreOf(lead.id)).toBe(20);

    // Attendance: each admission raises eventsAttended and emits contact.updated.
    await attend(contact.email);
    await settle();
    expect(await scoreOf(lead.id)).toBe(20);
    await attend(contact.email);
    await settle();
    expect((await api.call('GET', `/v1/contacts/${contact.id}`)).body.eventsAttended).toBe(2);
    expect(await scoreOf(lead.id)).toBe(35);

    // Email clicks are kept by the campaign consumers; stand in for them, then any contact change rescores.
    await db().entities.contact.patch({ contactId: contact.id }).set({ emailClicks: 3 }).go();
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { firstName: 'Ana' } });
    await settle();
    expect(await scoreOf(lead.id)).toBe(50);

    // A new rule rescores every open lead, and the cap bounds the sum (50 + 3 × 30 = 140 → 100).
    const big = await givenRule(api.call, { field: 'contact.emailClicks', op: 'per', points: 30 });
    await settle();
    expect(await scoreOf(lead.id)).toBe(100);
    const capped = await api.call('PUT', '/v1/lead-scoring-settings', { body: { cap: 60 } });
    expect(capped.body).toMatchObject({ cap: 60, updatedAt: expect.any(String) });
    await settle();
    expect(await scoreOf(lead.id)).toBe(60);
    expect((await api.call('DELETE', `/v1/lead-scoring-rules/${big.id}`)).status).toBe(204);
    await settle();
    expect(await scoreOf(lead.id)).toBe(50);
  });

  it("rescores at once when the lead's own facts change, and freezes a closed lead's score", async () => {
    const rule = await givenRule(api.call, { field: 'lead.source', op: 'in', value: ['referral', 'partner'], points: 10 });
    const lead = await givenLead(api.call, { person: { email: `own.${uniq()}@example.com` }, source: 'web' });
    const before = lead.score;
    const patched = await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { source: 'Referral' } });
    expect(patched.body.score).toBe(before + 10);
    await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { status: 'disqualified' } });
    expect((await api.call('PATCH', `/v1/lead-scoring-rules/${rule.id}`, { body: { points: 40 } })).body.points).toBe(40);
    await settle();
    expect(await scoreOf(lead.id)).toBe(before + 10);
  });

  it('keeps rules consistent with their field and lists them', async () => {
    const bad = await api.call('POST', '/v1/lead-scoring-rules', { body: { field: 'company.industry', op: 'gte', value: 2, points: 5 } });
    expect(bad).toMatchObject({ status: 400, body: { code: 'validation_failed' } });
    const unknownField = await api.call('POST', '/v1/lead-scoring-rules', { body: { field: 'contact.shoeSize', op: 'eq', value: 1, points: 5 } });
    expect(unknownField.status).toBe(400);
    const rule = await givenRule(api.call, { field: 'company.accountType', op: 'eq', value: 'customer', points: 5, description: 'existing customers' });
    expect((await api.call('GET', `/v1/lead-scoring-rules/${rule.id}`)).body).toEqual(rule);
    expect((await api.call('GET', '/v1/lead-scoring-rules')).body.items).toContainEqual(rule);
    const mismatch = await api.call('PATCH', `/v1/lead-scoring-rules/${rule.id}`, { body: { op: 'per' } });
    expect(mismatch.status).toBe(400);
    expect((await api.call('DELETE', `/v1/lead-scoring-rules/${rule.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/v1/lead-scoring-rules/${rule.id}`)).status).toBe(404);
    expect((await api.call('POST', '/v1/lead-scoring-rules', { role: 'box_office', body: { field: 'lead.source', op: 'exists', points: 1 } })).status).toBe(403);
  });
});
