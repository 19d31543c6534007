import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { eur, givenCompany, givenContact, givenLead, timelineOf, uniq } from '../support/pipeline-fixtures.ts';

const api = useTestApi();

const convert = (leadId: string, body?: unknown) => api.call('POST', `/v1/leads/${leadId}/convert`, body === undefined ? {} : { body });

describe('lead conversion', () => {
  it('reuses the company created with https://www.acme.com for a lead whose domain is ACME.com', async () => {
    const acme = await givenCompany(api.call, { name: 'Acme Corporation', domain: 'https://www.acme.com' });
    const lead = await givenLead(api.call, {
      person: { email: 'wile@coyote-mail.net', firstName: 'Wile', lastName: 'Coyote' },
      company: { name: 'ACME', domain: 'ACME.com' },
      estimatedValue: eur(1_200_000),
      assignedTo: 'u-sales-2',
    });
    expect(lead.companyId).toBe(acme.id);

    const res = await convert(lead.id);
    expect(res.status).toBe(200);
    const { lead: converted, opportunity } = res.body;
    expect(converted).toMatchObject({
      status: 'converted',
      convertedCompanyId: acme.id,
      convertedOpportunityId: opportunity.id,
      convertedContactId: expect.any(String),
      convertedAt: expect.any(String),
    });
    expect(opportunity).toMatchObject({
      amount: eur(1_200_000),
      leadId: lead.id,
      contactId: converted.convertedContactId,
      companyId: acme.id,
      status: 'open',
      assignedTo: 'u-sales-2',
    });

    // No second Acme: the company list still has one company with the domain.
    const companies = await api.call('GET', '/v1/companies?limit=100');
    expect(companies.body.items.filter((c: { domain?: string }) => c.domain === 'acme.com')).toHaveLength(1);

    // The opportunity sits in the default pipeline's first stage.
    const pipelines = await api.call('GET', '/v1/pipelines');
    const main = pipelines.body.items.find((p: { isDefault: boolean }) => p.isDefault);
    expect(opportunity).toMatchObject({ pipelineId: main.id, stageId: main.stages[0].id });

    // A new contact, linked to Acme, with the lead's details and status.
    const contact = await api.call('GET', `/v1/contacts/${converted.convertedContactId}`);
    expect(contact.body).toMatchObject({ email: 'wile@coyote-mail.net', firstName: 'Wile', lastName: 'Coyote', companyId: acme.id, leadStatus: 'converted' });
    expect((await api.call('GET', `/v1/leads/${lead.id}`)).body).toEqual(converted);
    await api.bus.drain();
    const kinds = (await timelineOf(api.call, contact.body.id)).map((l) => l.kind);
    expect(kinds).toEqual(expect.arrayContaining(['lead.status_changed', 'opportunity.stage_changed']));
  });

  it('answers 409 already_converted to a second conversion', async () => {
    const lead = await givenLead(api.call, { person: { email: `twice.${uniq()}@twice-${uniq()}.com` }, estimatedValue: eur(5000) });
    expect((await convert(lead.id)).status).toBe(200);
    const again = await convert(lead.id);
    expect(again).toMatchObject({ status: 409, body: { code: 'already_converted' } });
  });

  it('lets exactly one of 8 concurrent conversions win: one opportunity, one contact, one company', async () => {
    const tag = uniq();
    const lead = await givenLead(api.call, { person: { email: `race.${tag}@race-${tag}.com` }, company: { name: 'Race Inc' }, estimatedValue: eur(9_900) });
    const results = await Promise.all(Array.from({ length: 8 }, () => convert(lead.id)));
    const won = results.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(results.filter((r) => r.status === 409).every((r) => r.body.code === 'already_converted')).toBe(true);
    expect(results.filter((r) => r.status === 409)).toHaveLength(7);

    const contact = (await api.call('GET', `/v1/contacts?email=race.${tag}@race-${tag}.com`)).body.items;
    expect(contact).toHaveLength(1);
    const opportunities = await api.call('GET', `/v1/opportunities?contactId=${contact[0].id}`);
    expect(opportunities.body.items.map((o: { id: string }) => o.id)).toEqual([won[0]!.body.opportunity.id]);
    const companies = await api.call('GET', '/v1/companies?limit=100');
    expect(companies.body.items.filter((c: { domain?: string }) => c.domain === `race-${tag}.com`)).toHaveLength(1);
  });

  it('reuses the contact that has the lead email (dedup) and creates the company it does not know', async () => {
    const tag = uniq();
    // The lead comes first (no contact has the email yet), the contact after it.
    const lead = await givenLead(api.call, { person: { email: `dedup.${tag}@newco-${tag}.io` }, company: { name: 'NewCo' }, estimatedValue: eur(100) });
    expect(lead.contactId).toBeUndefined();
    const contact = await givenContact(api.call, { email: `Dedup.${tag}@NewCo-${tag}.io` });
    const res = await convert(lead.id, { opportunityName: 'NewCo pilot', expectedCloseDate: '2027-03-31', amount: eur(2500) });
    expect(res.status).toBe(200);
    expect(res.body.lead.convertedContactId).toBe(contact.id);
    expect(res.body.opportunity).toMatchObject({ name: 'NewCo pilot', expectedCloseDate: '2027-03-31', amount: eur(2500) });
    const company = await api.call('GET', `/v1/companies/${res.body.lead.convertedCompanyId}`);
    expect(company.body).toMatchObject({ name: 'NewCo', domain: `newco-${tag}.io` });
  });

  it('converts a free-mail lead with only a company name into a new company by that name', async () => {
    const lead = await givenLead(api.call, { person: { email: `solo.${uniq()}@gmail.com` }, company: { name: 'Solo Studio' }, estimatedValue: eur(700) });
    const res = await convert(lead.id);
    expect(res.status).toBe(200);
    const company = await api.call('GET', `/v1/companies/${res.body.lead.convertedCompanyId}`);
    expect(company.body).toMatchObject({ name: 'Solo Studio' });
    expect(company.body.domain).toBeUndefined();
    await api.bus.drain();
    expect((await api.call('GET', `/v1/contacts/${res.body.lead.convertedContactId}`)).body.companyId).toBe(company.body.id);
  });

  it('refuses a disqualified lead (422) and a lead without any amount (422)', async () => {
    const out = await givenLead(api.call, { person: { email: `out.${uniq()}@example.com` }, estimatedValue: eur(100) });
    await api.call('PATCH', `/v1/leads/${out.id}`, { body: { status: 'disqualified' } });
    expect(await convert(out.id)).toMatchObject({ status: 422, body: { code: 'invalid_transition' } });
    const bare = await givenLead(api.call, { person: { email: `bare.${uniq()}@example.com` } });
    expect(await convert(bare.id)).toMatchObject({ status: 422, body: { code: 'amount_required' } });
    expect((await convert('01JD0000000000000000000000')).status).toBe(404);
  });
});
