import { describe, expect, it } from 'vitest';
import { ensureCompanyByDomain } from '#packages/features/companies/company-service.ts';
import { givenCompany, givenContact, ids } from '../support/contact-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('companies', () => {
  it('creates a company with its fields and the domain normalized', async () => {
    const res = await api.call('POST', '/v1/companies', {
      body: {
        name: ' Acme Corp ',
        domain: 'https://www.Acme.com/',
        industry: 'Software',
        companySize: '51-200',
        annualRevenue: { amount: 250_000_000, currency: 'EUR' },
        accountType: 'prospect',
        priority: 'high',
      },
      userId: 'u-sales-9',
      role: 'sales',
    });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({
      id: expect.stringMatching(/^[0-9A-HJKMNP-TV-Z]{26}$/),
      name: 'Acme Corp',
      domain: 'acme.com',
      industry: 'Software',
      companySize: '51-200',
      annualRevenue: { amount: 250_000_000, currency: 'EUR' },
      accountType: 'prospect',
      priority: 'high',
      contactsCount: 0,
      createdBy: 'u-sales-9',
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect((await api.call('GET', `/v1/companies/${res.body.id}`)).body).toEqual(res.body);
  });

  it('answers 409 duplicate with the existing id for the same domain in any spelling', async () => {
    const first = await givenCompany(api.call, { name: 'Initech', domain: 'https://www.Initech.com/' });
    for (const domain of ['initech.com', 'INITECH.COM', 'http://initech.com:8080/about?x=1', 'www.initech.com.', 'sales@Initech.com']) {
      const res = await api.call('POST', '/v1/companies', { body: { name: 'Initech again', domain } });
      expect(res.status, domain).toBe(409);
      expect(res.body).toMatchObject({ code: 'duplicate', existingId: first.id });
    }
  });

  it('refuses what is no domain, and bad enum values', async () => {
    const bad = await api.call('POST', '/v1/companies', { body: { name: 'X', domain: 'not a domain' } });
    expect(bad.status).toBe(400);
    expect(bad.body).toMatchObject({ code: 'invalid_domain', errors: [{ path: 'body.domain' }] });
    for (const body of [{ companySize: '10-20' }, { accountType: 'friend' }, { priority: 'urgent' }, { annualRevenue: { amount: 1.5, currency: 'EUR' } }]) {
      const res = await api.call('POST', '/v1/companies', { body: { name: 'X', ...body } });
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(res.body.code).toBe('validation_failed');
    }
    expect((await api.call('POST', '/v1/companies', { body: { name: 'No domain Ltd' } })).status).toBe(201);
  });

  it('moves the domain on PATCH: the old one is free, a taken one is a 409', async () => {
    const a = await givenCompany(api.call, { name: 'Hooli', domain: 'hooli.com' });
    const b = await givenCompany(api.call, { name: 'Pied Piper', domain: 'piedpiper.com' });
    const clash = await api.call('PATCH', `/v1/companies/${b.id}`, { body: { domain: 'https://Hooli.com' } });
    expect(clash.status).toBe(409);
    expect(clash.body).toMatchObject({ code: 'duplicate', existingId: a.id });
    const moved = await api.call('PATCH', `/v1/companies/${a.id}`, { body: { domain: 'www.hooli.xyz', priority: 'low' } });
    expect(moved.body).toMatchObject({ domain: 'hooli.xyz', priority: 'low', name: 'Hooli' });
    expect((await api.call('POST', '/v1/companies', { body: { name: 'New Hooli', domain: 'hooli.com' } })).status).toBe(201);
    expect((await api.call('PATCH', '/v1/companies/01JD0000000000000000000099', { body: { name: 'x' } })).status).toBe(404);
  });

  it('emits company.updated for a change (lead scoring rescores on it), none for an empty PATCH', async () => {
    const co = await givenCompany(api.call, { name: 'Soylent', domain: 'soylent.example' });
    const changed = await api.call('PATCH', `/v1/companies/${co.id}`, { body: { industry: 'Food', companySize: '1001+' } });
    expect(changed.body).toMatchObject({ industry: 'Food', companySize: '1001+', domain: 'soylent.example' });
    expect((await api.call('GET', `/v1/companies/${co.id}`)).body).toEqual(changed.body);
    expect((await api.call('PATCH', `/v1/companies/${co.id}`, { body: {} })).status).toBe(200);
    await api.bus.drain();
    const events = api.bus.recent.filter((e) => e['detail-type'] === 'company.updated' && (e.detail as { data: { companyId: string } }).data.companyId === co.id);
    expect(events.map((e) => (e.detail as { data: unknown }).data)).toEqual([{ companyId: co.id, reason: 'fields' }]);
  });

  it('lists companies page by page', async () => {
    const made = new Set<string>();
    for (let i = 0; i < 5; i++) made.add((await givenCompany(api.call, { name: `Page ${i}`, domain: `page${i}.example` })).id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call('GET', `/v1/companies?limit=2${cursor ? `&cursor=${cursor}` : ''}`);
      seen.push(...res.body.items.map((c) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => made.has(id))).toEqual([...made]);
    expect(new Set(seen).size).toBe(seen.length);
  });

  it("pages a company's contacts (active ones only) and refuses to delete it while any contact points at it", async () => {
    const co = await givenCompany(api.call, { name: 'Umbrella', domain: 'umbrella.example' });
    const cs = [];
    for (let i = 0; i < 3; i++) cs.push(await givenContact(api.call, { email: `u${i}@umbrella.example`, companyId: co.id }));
    await givenContact(api.call, { email: 'elsewhere@umbrella.example' });
    const first = await api.call('GET', `/v1/companies/${co.id}/contacts?limit=2`);
    expect(ids(first)).toEqual([cs[0]!.id, cs[1]!.id]);
    const second = await api.call('GET', `/v1/companies/${co.id}/contacts?limit=2&cursor=${first.body.nextCursor}`);
    expect(second.body).toMatchObject({ nextCursor: null });
    expect(ids(second)).toEqual([cs[2]!.id]);
    expect((await api.call('GET', '/v1/companies/01JD0000000000000000000099/contacts')).status).toBe(404);

    await api.call('DELETE', `/v1/contacts/${cs[1]!.id}`);
    expect(ids(await api.call('GET', `/v1/companies/${co.id}/contacts`))).toEqual([cs[0]!.id, cs[2]!.id]);
    expect((await api.call('GET', `/v1/companies/${co.id}`)).body.contactsCount).toBe(3);

    await api.call('PATCH', `/v1/contacts/${cs[0]!.id}`, { body: { companyId: null } });
    await api.call('PATCH', `/v1/contacts/${cs[2]!.id}`, { body: { companyId: null } });
    // The trashed contact still points at it: a restore must not bring back a dangling companyId.
    const blocked = await api.call('DELETE', `/v1/companies/${co.id}`);
    expect(blocked.status).toBe(409);
    expect(blocked.body).toMatchObject({ code: 'company_has_contacts', contactsCount: 1 });
    await api.call('DELETE', `/v1/contacts/${cs[1]!.id}/permanent`);
    expect((await api.call('DELETE', `/v1/companies/${co.id}`)).status).toBe(204);
    expect((await api.call('GET', `/v1/companies/${co.id}`)).status).toBe(404);
    // Its domain is free again.
    expect((await api.call('POST', '/v1/companies', { body: { name: 'Umbrella 2', domain: 'umbrella.example' } })).status).toBe(201);
  });

  it('lets a contact link race a company delete: exactly one wins', async () => {
    for (let round = 0; round < 3; round++) {
      const co = await givenCompany(api.call, { name: `Race ${round}`, domain: `race${round}.example` });
      const [link, del] = await Promise.all([
        api.call('POST', '/v1/contacts', { body: { email: `racer${round}@race.example`, companyId: co.id } }),
        api.call('DELETE', `/v1/companies/${co.id}`),
      ]);
      if (del.status === 204) {
        expect(link.status).toBe(422);
      } else {
        expect(link.status).toBe(201);
        expect(del.status).toBe(409);
        expect((await api.call('GET', `/v1/companies/${co.id}`)).body.contactsCount).toBe(1);
      }
    }
  });

  it('reuses the company of a domain in any spelling, creating it once under concurrency', async () => {
    const ctx = { actorId: 'lead-conversion', correlationId: 'c-1' };
    const spellings = ['Wayne.com', 'https://www.wayne.com/', 'bruce@wayne.com', 'wayne.com.', 'WWW.WAYNE.COM'];
    const results = await Promise.all(Array.from({ length: 10 }, (_, i) => ensureCompanyByDomain({ domain: spellings[i % 5]!, name: 'Wayne Enterprises' }, ctx)));
    expect(new Set(results.map((r) => r.companyId)).size).toBe(1);
    expect(results.filter((r) => r.created)).toHaveLength(1);
    const company = await api.call('GET', `/v1/companies/${results[0]!.companyId}`);
    expect(company.body).toMatchObject({ name: 'Wayne Enterprises', domain: 'wayne.com', createdBy: 'lead-conversion' });
    const existing = await givenCompany(api.call, { name: 'Stark', domain: 'stark.com' });
    expect(await ensureCompanyByDomain({ domain: 'tony@Stark.com' }, ctx)).toEqual({ companyId: existing.id, created: false });
  });

  it('needs companies:read to read and companies:write to write', async () => {
    expect((await api.call('GET', '/v1/companies', { role: 'marketing' })).status).toBe(200);
    expect((await api.call('POST', '/v1/companies', { role: 'marketing', body: { name: 'Nope' } })).status).toBe(403);
    expect((await api.call('GET', '/v1/companies', { role: 'box_office' })).status).toBe(403);
    expect((await api.call('GET', '/v1/companies', { role: null })).status).toBe(401);
  });
});
