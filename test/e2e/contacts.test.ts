import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';

const api = useTestApi();

describe('contacts', () => {
  it('normalizes the email and stamps who created the contact', async () => {
    const res = await api.call('POST', '/v1/contacts', { body: { email: '  Ana.Garcia@Example.COM ', firstName: 'Ana' }, userId: 'u-sales-1', role: 'sales' });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ email: 'ana.garcia@example.com', firstName: 'Ana', createdBy: 'u-sales-1' });
  });

  it('answers 409 duplicate with the existing id for the same email in any case or spacing', async () => {
    const first = await api.call('POST', '/v1/contacts', { body: { email: 'dup@example.com' } });
    for (const email of ['DUP@example.com', ' dup@EXAMPLE.com  ', 'Dup@Example.Com']) {
      const res = await api.call('POST', '/v1/contacts', { body: { email } });
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ code: 'duplicate', existingId: first.body.id });
    }
  });

  it('lets exactly one of 10 concurrent creates with one email win', async () => {
    const results = await Promise.all(
      Array.from({ length: 10 }, (_, i) => api.call('POST', '/v1/contacts', { body: { email: i % 2 ? 'race@example.com' : 'RACE@example.com' } })),
    );
    expect(results.filter((r) => r.status === 201)).toHaveLength(1);
    expect(results.filter((r) => r.status === 409)).toHaveLength(9);
  });

  it('finds by ?email= in any case, and moves the uniqueness with an email change', async () => {
    const c = await api.call('POST', '/v1/contacts', { body: { email: 'find.me@example.com' } });
    const found = await api.call('GET', '/v1/contacts?email=FIND.ME@example.com');
    expect(found.body).toEqual({ items: [c.body], nextCursor: null });
    expect((await api.call('GET', '/v1/contacts?email=nobody@example.com')).body.items).toEqual([]);

    const moved = await api.call('PATCH', `/v1/contacts/${c.body.id}`, { body: { email: 'New.Me@example.com' } });
    expect(moved.body.email).toBe('new.me@example.com');
    expect((await api.call('GET', '/v1/contacts?email=find.me@example.com')).body.items).toEqual([]);
    // The old address is free again; the new one is taken.
    expect((await api.call('POST', '/v1/contacts', { body: { email: 'find.me@example.com' } })).status).toBe(201);
    const clash = await api.call('POST', '/v1/contacts', { body: { email: 'new.me@example.com' } });
    expect(clash.body).toMatchObject({ code: 'duplicate', existingId: c.body.id });
  });

  it('emits contact.created on the bus', async () => {
    const c = await api.call('POST', '/v1/contacts', { body: { email: 'evented@example.com' } });
    await api.bus.drain();
    const event = api.bus.recent.find((e) => e['detail-type'] === 'contact.created' && (e.detail as any).data.contactId === c.body.id);
    expect(event?.source).toBe('eventos.crm');
    expect((event?.detail as any).metadata.id).toMatch(/^[0-9A-HJKMNP-TV-Z]{26}$/);
  });

  it('pages through 60 contacts without loss or repeat', async () => {
    const made = new Set<string>();
    for (let i = 0; i < 60; i++) made.add((await api.call('POST', '/v1/contacts', { body: { email: `page${i}@example.com` } })).body.id);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const res: { body: { items: { id: string }[]; nextCursor: string | null } } = await api.call(
        'GET',
        `/v1/contacts?limit=9${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`,
      );
      seen.push(...res.body.items.map((c: { id: string }) => c.id));
      cursor = res.body.nextCursor;
    } while (cursor);
    expect(seen.filter((id) => made.has(id))).toHaveLength(60);
    expect(new Set(seen).size).toBe(seen.length);
  });
});
