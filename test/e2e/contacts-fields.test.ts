import { afterEach, describe, expect, it } from 'vitest';
import { givenCompany, givenContact } from '../support/contact-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

afterEach(() => {
  delete process.env.DEFAULT_PHONE_COUNTRY;
});

const reasonsFor = (contactId: string) =>
  api.bus.recent
    .filter((e) => e['detail-type'] === 'contact.updated' && (e.detail as { data: { contactId: string } }).data.contactId === contactId)
    .map((e) => (e.detail as { data: { reason: string } }).data.reason);

describe('contact fields', () => {
  it.each([
    ['+34 612 34 56 78', '+34612345678'],
    ['+1 (415) 555-0100', '+14155550100'],
    ['  +44 20 7946 0958 ', '+442079460958'],
  ])('stores phone %s as %s (E.164)', async (phone, e164) => {
    const c = await givenContact(api.call, { email: `p${e164}@phones.test`, phone });
    expect(c.phone).toBe(e164);
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.phone).toBe(e164);
  });

  it.each(['call me maybe', '12', '+34 1', '612345678'])('refuses phone %s with a 400 on body.phone (no default country)', async (phone) => {
    const res = await api.call('POST', '/v1/contacts', { body: { email: 'bad.phone@phones.test', phone } });
    expect(res.status).toBe(400);
    expect(res.body.code).toBe('validation_failed');
    expect(res.body.errors).toEqual([{ path: 'body.phone', message: expect.stringContaining('international format') }]);
  });

  it('reads a national number in DEFAULT_PHONE_COUNTRY', async () => {
    process.env.DEFAULT_PHONE_COUNTRY = 'ES';
    const c = await givenContact(api.call, { email: 'national@phones.test', phone: '612 34 56 78' });
    expect(c.phone).toBe('+34612345678');
  });

  it('normalizes and clears a phone on PATCH, and refuses a bad one', async () => {
    const c = await givenContact(api.call, { email: 'patch.phone@phones.test', phone: '+34612345678' });
    const changed = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { phone: '+34 699 99 99 99' } });
    expect(changed.body.phone).toBe('+34699999999');
    const bad = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { phone: 'nope' } });
    expect(bad.status).toBe(400);
    expect(bad.body.errors[0].path).toBe('body.phone');
    const cleared = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { phone: null } });
    expect(cleared.status).toBe(200);
    expect(cleared.body.phone).toBeUndefined();
    expect((await api.call('GET', `/v1/contacts/${c.id}`)).body.phone).toBeUndefined();
  });

  it('keeps tags and lead sources as lower-case words, each tag once', async () => {
    const c = await givenContact(api.call, { email: 'tags@fields.test', tags: ['VIP', 'vip', ' Early '], leadSource: ' Website ' });
    expect(c.tags).toEqual(['vip', 'early']);
    expect(c.leadSource).toBe('website');
    const changed = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: ['early', 'Press'] } });
    expect(changed.body.tags).toEqual(['early', 'press']);
    expect((await api.call('GET', '/v1/contacts?tag=vip')).body.items.map((x: { id: string }) => x.id)).not.toContain(c.id);
    expect((await api.call('GET', '/v1/contacts?tag=press')).body.items.map((x: { id: string }) => x.id)).toContain(c.id);
  });

  it('refuses more tags than one transaction can carry', async () => {
    const tags = Array.from({ length: 41 }, (_, i) => `t${i}`);
    const res = await api.call('POST', '/v1/contacts', { body: { email: 'many.tags@fields.test', tags } });
    expect(res.status).toBe(400);
    expect(res.body.errors[0].path).toBe('body.tags');
  });

  it('replaces 40 tags with 40 others in one PATCH', async () => {
    const c = await givenContact(api.call, { email: 'forty@fields.test', tags: Array.from({ length: 40 }, (_, i) => `a${i}`) });
    const res = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: Array.from({ length: 40 }, (_, i) => `b${i}`) } });
    expect(res.status).toBe(200);
    expect((await api.call('GET', '/v1/contacts?tag=a0')).body.items).toEqual([]);
    expect((await api.call('GET', '/v1/contacts?tag=b39')).body.items.map((x: { id: string }) => x.id)).toEqual([c.id]);
  });

  it('links a contact to an existing company only (422 otherwise), and counts it', async () => {
    const unknown = '01JD00000000000000000000ZZ';
    const refused = await api.call('POST', '/v1/contacts', { body: { email: 'orphan@fields.test', companyId: unknown } });
    expect(refused.status).toBe(422);
    expect(refused.body).toMatchObject({ code: 'company_not_found', errors: [{ path: 'body.companyId' }] });
    // Nothing of the refused create stays behind: the email is free.
    const c = await givenContact(api.call, { email: 'orphan@fields.test' });

    const a = await givenCompany(api.call, { name: 'A', domain: 'a-fields.com' });
    const b = await givenCompany(api.call, { name: 'B', domain: 'b-fields.com' });
    expect((await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { companyId: unknown } })).status).toBe(422);
    expect((await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { companyId: a.id } })).body.companyId).toBe(a.id);
    expect((await api.call('GET', `/v1/companies/${a.id}`)).body.contactsCount).toBe(1);
    await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { companyId: b.id } });
    expect((await api.call('GET', `/v1/companies/${a.id}`)).body.contactsCount).toBe(0);
    expect((await api.call('GET', `/v1/companies/${b.id}`)).body.contactsCount).toBe(1);
    expect((await api.call('GET', `/v1/contacts?companyId=${a.id}`)).body.items).toEqual([]);
    const unlinked = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { companyId: null } });
    expect(unlinked.body.companyId).toBeUndefined();
    expect((await api.call('GET', `/v1/companies/${b.id}`)).body.contactsCount).toBe(0);
    expect((await api.call('GET', `/v1/contacts?companyId=${b.id}`)).body.items).toEqual([]);
  });

  it('lets users set marketing consent (stamped) but not the engagement score', async () => {
    const c = await api.call('POST', '/v1/contacts', { body: { email: 'consent@fields.test', marketingConsent: true, engagementScore: 99 } });
    expect(c.status).toBe(201);
    expect(c.body).toMatchObject({ marketingConsent: true, marketingConsentAt: expect.any(String), engagementScore: 0, state: 'active' });
    const patched = await api.call('PATCH', `/v1/contacts/${c.body.id}`, { body: { engagementScore: 99, firstName: 'Con' } });
    expect(patched.body).toMatchObject({ engagementScore: 0, firstName: 'Con' });
  });

  it('emits contact.updated for a change (reason consent when only consent changed), nothing for an empty PATCH', async () => {
    const c = await givenContact(api.call, { email: 'evented.update@fields.test' });
    await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { lastName: 'Smith' } });
    await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { marketingConsent: false } });
    await api.call('PATCH', `/v1/contacts/${c.id}`, { body: {} });
    await api.bus.drain();
    expect(reasonsFor(c.id).sort()).toEqual(['consent', 'fields']);
  });

  it('refuses moving to an email another contact has, in any case or spacing', async () => {
    const first = await givenContact(api.call, { email: 'taken@fields.test' });
    const second = await givenContact(api.call, { email: 'mover@fields.test' });
    for (const email of ['TAKEN@fields.test', '  taken@FIELDS.test ']) {
      const res = await api.call('PATCH', `/v1/contacts/${second.id}`, { body: { email } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'duplicate', existingId: first.id });
    }
    expect((await api.call('GET', `/v1/contacts/${second.id}`)).body.email).toBe('mover@fields.test');
  });

  it('keeps every tag of 10 concurrent PATCHes consistent with its tag items', async () => {
    const c = await givenContact(api.call, { email: 'race.tags@fields.test', tags: ['start'] });
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.call('PATCH', `/v1/contacts/${c.id}`, { body: { tags: [`r${i}`] } })),
    );
    expect(results.every((r) => r.status === 200 || r.status === 409)).toBe(true);
    const final = (await api.call('GET', `/v1/contacts/${c.id}`)).body.tags as string[];
    expect(final).toHaveLength(1);
    for (let i = 0; i < 10; i++) {
      const tagged = (await api.call('GET', `/v1/contacts?tag=r${i}`)).body.items.map((x: { id: string }) => x.id);
      expect(tagged).toEqual(final[0] === `r${i}` ? [c.id] : []);
    }
    expect((await api.call('GET', '/v1/contacts?tag=start')).body.items).toEqual([]);
  });
});
