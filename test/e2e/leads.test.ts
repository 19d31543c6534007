import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenCompany, givenContact, givenLead, timelineOf, uniq } from '../support/pipeline-fixtures.ts';

const api = useTestApi();

describe('leads', () => {
  it('creates a lead for an inline person: company domain from the email, status new, score 0', async () => {
    const tag = uniq();
    const res = await api.call('POST', '/v1/leads', {
      body: {
        person: { email: ` Ana.${tag}@Globex-${tag}.com `, firstName: 'Ana', phone: '+34 612 34 56 78' },
        company: { name: 'Globex' },
        source: 'Webinar',
        estimatedValue: { amount: 150000, currency: 'EUR' },
        probability: 40,
      },
      role: 'sales',
      userId: 'u-sales-1',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      person: { email: `ana.${tag}@globex-${tag}.com`, firstName: 'Ana', phone: '+34612345678' },
      company: { name: 'Globex', domain: `globex-${tag}.com` },
      source: 'webinar',
      status: 'new',
      score: 0,
      estimatedValue: { amount: 150000, currency: 'EUR' },
      probability: 40,
      createdBy: 'u-sales-1',
    });
    expect(res.body.contactId).toBeUndefined();
    expect((await api.call('GET', `/v1/leads/${res.body.id}`)).body).toEqual(res.body);
  });

  it('takes no company domain from a free-mail address, and links a known company by domain', async () => {
    const tag = uniq();
    const free = await givenLead(api.call, { person: { email: `bo.${tag}@gmail.com` } });
    expect(free.company).toEqual({});
    const company = await givenCompany(api.call, { name: 'Initech', domain: `https://www.initech-${tag}.com/` });
    const lead = await givenLead(api.call, { person: { email: `peter.${tag}@gmail.com` }, company: { domain: `INITECH-${tag}.com` } });
    expect(lead).toMatchObject({ companyId: company.id, company: { name: 'Initech', domain: `initech-${tag}.com` } });
  });

  it('refuses both or neither of contactId and person, and an unknown contact', async () => {
    const c = await givenContact(api.call, { email: `both.${uniq()}@example.com` });
    expect((await api.call('POST', '/v1/leads', { body: { contactId: c.id, person: { email: 'x@example.com' } } })).status).toBe(400);
    expect((await api.call('POST', '/v1/leads', { body: { source: 'web' } })).status).toBe(400);
    const unknown = await api.call('POST', '/v1/leads', { body: { contactId: '01JD0000000000000000000000' } });
    expect(unknown).toMatchObject({ status: 422, body: { code: 'contact_not_found' } });
  });

  it('moves new → contacted → qualified, then refuses going back, skipping to converted and leaving disqualified', async () => {
    const lead = await givenLead(api.call, { person: { email: `steps.${uniq()}@example.com` } });
    const patch = (status: string) => api.call('PATCH', `/v1/leads/${lead.id}`, { body: { status } });
    expect((await patch('contacted')).body.status).toBe('contacted');
    expect((await patch('qualified')).body.status).toBe('qualified');
    for (const status of ['contacted', 'new', 'converted']) {
      const res = await patch(status);
      expect(res.status, status).toBe(422);
      expect(res.body).toMatchObject({ code: 'invalid_transition', from: 'qualified', to: status });
    }
    expect((await patch('disqualified')).body.status).toBe('disqualified');
    expect(await patch('qualified')).toMatchObject({ status: 422, body: { code: 'invalid_transition', from: 'disqualified' } });
    // The same status again is no move at all.
    expect((await patch('disqualified')).status).toBe(200);
  });

  it("writes every status change on the contact's timeline and mirrors it onto the contact, with contact.updated", async () => {
    const contact = await givenContact(api.call, { email: `mirror.${uniq()}@example.com` });
    const lead = await givenLead(api.call, { contactId: contact.id, source: 'referral' });
    expect(lead).toMatchObject({ contactId: contact.id, person: { email: contact.email } });
    await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { status: 'contacted' } });
    await api.bus.drain();

    expect((await api.call('GET', `/v1/contacts/${contact.id}`)).body.leadStatus).toBe('contacted');
    const lines = (await timelineOf(api.call, contact.id)).filter((l) => l.kind === 'lead.status_changed');
    expect(lines.map((l) => l.data)).toEqual([
      expect.objectContaining({ from: 'new', to: 'contacted' }),
      expect.objectContaining({ from: null, to: 'new' }),
    ]);
    expect(lines[0]).toMatchObject({ id: `lead.status_changed:${lead.id}:contacted`, ref: { type: 'lead', id: lead.id } });
    const updates = api.bus.recent.filter(
      (e) => e['detail-type'] === 'contact.updated' && (e.detail as any).data.contactId === contact.id && (e.detail as any).data.reason === 'lead',
    );
    expect(updates).toHaveLength(2);
  });

  it("mirrors only the contact's newest lead", async () => {
    const contact = await givenContact(api.call, { email: `newest.${uniq()}@example.com` });
    const older = await givenLead(api.call, { contactId: contact.id });
    await givenLead(api.call, { contactId: contact.id });
    await api.call('PATCH', `/v1/leads/${older.id}`, { body: { status: 'disqualified' } });
    expect((await api.call('GET', `/v1/contacts/${contact.id}`)).body.leadStatus).toBe('new');
  });

  it('links an inline person to the contact that already has the email', async () => {
    const contact = await givenContact(api.call, { email: `known.${uniq()}@example.com`, firstName: 'Known' });
    const lead = await givenLead(api.call, { person: { email: contact.email.toUpperCase() } });
    expect(lead).toMatchObject({ contactId: contact.id, person: { firstName: 'Known' } });
  });

  it('lists by status, contact and company, newest first, and refuses two filters at once', async () => {
    const tag = uniq();
    const company = await givenCompany(api.call, { name: 'Listco', domain: `listco-${tag}.com` });
    const contact = await givenContact(api.call, { email: `list.${tag}@listco-${tag}.com` });
    const a = await givenLead(api.call, { contactId: contact.id });
    const b = await givenLead(api.call, { person: { email: `other.${tag}@listco-${tag}.com` } });
    await api.call('PATCH', `/v1/leads/${b.id}`, { body: { status: 'qualified' } });

    const byCompany = await api.call('GET', `/v1/leads?companyId=${company.id}`);
    expect(byCompany.body.items.map((l: { id: string }) => l.id).sort()).toEqual([a.id, b.id].sort());
    expect((await api.call('GET', `/v1/leads?contactId=${contact.id}`)).body.items.map((l: { id: string }) => l.id)).toEqual([a.id]);
    const qualified = await api.call('GET', '/v1/leads?status=qualified&limit=100');
    expect(qualified.body.items.map((l: { id: string }) => l.id)).toContain(b.id);
    expect(qualified.body.items.every((l: { status: string }) => l.status === 'qualified')).toBe(true);
    const all = await api.call('GET', '/v1/leads?limit=2');
    expect(all.body.items[0].id > all.body.items[1].id).toBe(true);
    expect((await api.call('GET', `/v1/leads?status=new&contactId=${contact.id}`)).status).toBe(400);
  });

  it('clears fields with null and refuses an email change on a lead that has a contact', async () => {
    const contact = await givenContact(api.call, { email: `clear.${uniq()}@example.com` });
    const lead = await givenLead(api.call, { contactId: contact.id, probability: 30, assignedTo: 'u1' });
    const cleared = await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { probability: null, assignedTo: null, source: 'event' } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.probability).toBeUndefined();
    expect(cleared.body.assignedTo).toBeUndefined();
    expect(cleared.body.source).toBe('event');
    const res = await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { person: { email: 'else@example.com' } } });
    expect(res).toMatchObject({ status: 422, body: { code: 'email_from_contact' } });
  });

  it("moves a domain taken from the email with the email, but not one given explicitly", async () => {
    const tag = uniq();
    const lead = await givenLead(api.call, { person: { email: `a.${tag}@foo-${tag}.com` } });
    const moved = await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { person: { email: `a.${tag}@bar-${tag}.com` } } });
    expect(moved.body).toMatchObject({ person: { email: `a.${tag}@bar-${tag}.com` }, company: { domain: `bar-${tag}.com` } });
    await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { company: { domain: `www.Chosen-${tag}.com` } } });
    const kept = await api.call('PATCH', `/v1/leads/${lead.id}`, { body: { person: { email: `a.${tag}@gmail.com` } } });
    expect(kept.body.company.domain).toBe(`chosen-${tag}.com`);
  });

  it('needs leads:read to read and leads:write to write', async () => {
    expect((await api.call('GET', '/v1/leads', { role: 'box_office' })).status).toBe(403);
    expect((await api.call('POST', '/v1/leads', { role: 'box_office', body: { person: { email: 'x@example.com' } } })).status).toBe(403);
    expect((await api.call('GET', '/v1/leads', { role: 'marketing' })).status).toBe(200);
  });
});
