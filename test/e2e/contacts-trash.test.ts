import { describe, expect, it } from 'vitest';
import { givenCompany, givenContact, givenScore, ids } from '../support/contact-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

const eventsOf = (type: string, contactId: string) =>
  api.bus.recent.filter((e) => e['detail-type'] === type && (e.detail as { data: { contactId: string } }).data.contactId === contactId);

describe('contact trash, restore and hard delete', () => {
  it('trashes a contact out of every list and filter, and restores it with its tags', async () => {
    const company = await givenCompany(api.call, { name: 'Trash Co', domain: 'trash-co.com' });
    const c = await givenContact(api.call, { email: 'Trash.Me@Example.com', tags: ['vip'], leadSource: 'web', companyId: company.id });
    await givenScore(c.id, 42);
    const visible = async () => ({
      list: ids(await api.call('GET', '/v1/contacts?limit=100')).includes(c.id),
      byTag: ids(await api.call('GET', '/v1/contacts?tag=vip')).includes(c.id),
      byCompany: ids(await api.call('GET', `/v1/contacts?companyId=${company.id}`)).includes(c.id),
      bySource: ids(await api.call('GET', '/v1/contacts?leadSource=web')).includes(c.id),
      byScore: ids(await api.call('GET', '/v1/contacts?minScore=40&maxScore=45')).includes(c.id),
      byEmail: ids(await api.call('GET', '/v1/contacts?email=trash.me@example.com')).includes(c.id),
      ofCompany: ids(await api.call('GET', `/v1/companies/${company.id}/contacts`)).includes(c.id),
      inTrash: ids(await api.call('GET', '/v1/contacts/trash')).includes(c.id),
    });
    const everywhere = { list: true, byTag: true, byCompany: true, bySource: true, byScore: true, byEmail: true, ofCompany: true };
    const nowhere = Object.fromEntries(Object.keys(everywhere).map((k) => [k, false]));
    expect(await visible()).toEqual({ ...everywhere, inTrash: false });

    expect((await api.call('DELETE', `/v1/contacts/${c.id}`)).status).toBe(204);
    expect(await visible()).toEqual({ ...nowhere, inTrash: true });
    const trashed = await api.call('GET', `/v1/contacts/${c.id}`);
    expect(trashed.status).toBe(200);
    expect(trashed.body).toMatchObject({ state: 'trashed', trashedAt: expect.any(String), tags: ['vip'] });

    // Trashing again changes nothing; editing is refused until restored; the email stays taken.
    expect((await api.call('DELETE', `/v1/contacts/${c.id}`)).status).toBe(204);
    const edit = await api.call('PATCH', `/v1/contacts/${c.id}`, { body: { firstName: 'X' } });
    expect(edit.status).toBe(409);
    expect(edit.body.code).toBe('contact_trashed');
    const again = await api.call('POST', '/v1/contacts', { body: { email: 'trash.me@example.com' } });
    expect(again.body).toMatchObject({ code: 'duplicate', existingId: c.id });

    const restored = await api.call('POST', `/v1/contacts/${c.id}/restore`);
    expect(restored.status).toBe(200);
    expect(restored.body.state).toBe('active');
    expect(restored.body.trashedAt).toBeUndefined();
    expect(await visible()).toEqual({ ...everywhere, inTrash: false });
    const twice = await api.call('POST', `/v1/contacts/${c.id}/restore`);
    expect(twice.status).toBe(409);
    expect(twice.body.code).toBe('not_trashed');

    await api.bus.drain();
    expect(eventsOf('contact.updated', c.id).map((e) => (e.detail as { data: { reason: string } }).data.reason).sort()).toEqual(['restored', 'trashed']);
  });

  it('hard-deletes only from the trash, frees the email and unlinks the company', async () => {
    const company = await givenCompany(api.call, { name: 'Gone Co', domain: 'gone-co.com' });
    const c = await givenContact(api.call, { email: 'gone@example.com', tags: ['temp'], companyId: company.id });
    expect((await api.call('GET', `/v1/companies/${company.id}`)).body.contactsCount).toBe(1);

    const active = await api.call('DELETE', `/v1/contacts/${c.id}/permanent`);
    expect(active.status).toBe(409);
    expect(active.body.code).toBe('not_trashed');

    expect((await api.call('DELETE', `/v1/contacts/${c.id}`)).status).toBe(204);
    expect((await api.call('DELETE', `/v1/contacts/${c.id}/permanent`, { role: 'sales' })).status).toBe(403);
    expect((await api.call('DELETE', `/v1/contacts/${c.id}/permanent`, { role: 'manager' })).status).toBe(204);

    expect((await api.call('GET', `/v1/contacts/${c.id}`)).status).toBe(404);
    expect(ids(await api.call('GET', '/v1/contacts/trash?limit=100'))).not.toContain(c.id);
    expect((await api.call('DELETE', `/v1/contacts/${c.id}/permanent`)).status).toBe(404);
    expect((await api.call('GET', `/v1/companies/${company.id}`)).body.contactsCount).toBe(0);
    expect((await api.call('DELETE', `/v1/companies/${company.id}`)).status).toBe(204);

    const reborn = await api.call('POST', '/v1/contacts', { body: { email: 'GONE@example.com', tags: ['temp'] } });
    expect(reborn.status).toBe(201);
    expect(reborn.body.id).not.toBe(c.id);
    expect(ids(await api.call('GET', '/v1/contacts?tag=temp'))).toEqual([reborn.body.id]);

    await api.bus.drain();
    const deleted = eventsOf('contact.deleted', c.id);
    expect(deleted).toHaveLength(1);
    expect((deleted[0]!.detail as { data: unknown }).data).toEqual({ contactId: c.id, email: 'gone@example.com' });
  });

  it('answers 404 for trash operations on an unknown contact', async () => {
    const id = '01JD0000000000000000000099';
    expect((await api.call('DELETE', `/v1/contacts/${id}`)).status).toBe(404);
    expect((await api.call('POST', `/v1/contacts/${id}/restore`)).status).toBe(404);
    expect((await api.call('DELETE', `/v1/contacts/${id}/permanent`)).status).toBe(404);
  });
});
