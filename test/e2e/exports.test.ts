import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';

const api = useTestApi();
const stamp = `${Date.now()}`;

describe('CSV exports and the data-subject export', () => {
  it('exports contacts by filter as CSV, with cells beginning = + - @ escaped; delivery=link stores it behind a presigned URL', async () => {
    const tag = `exp${stamp}`;
    for (const [i, firstName] of ['=1+2', '+SUM(A1)', '-2+3', '@cmd', 'Ana'].entries()) {
      const res = await api.call('POST', '/v1/contacts', { body: { email: `e${i}.${stamp}@exports.test`, firstName, tags: [tag] } });
      expect(res.status).toBe(201);
    }
    await api.call('POST', '/v1/contacts', { body: { email: `other.${stamp}@exports.test`, firstName: 'Not tagged' } });
    const res = await api.call('GET', `/v1/contacts/export?tag=${tag}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/csv/);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(5);
    expect(rows.map((r) => r.firstName).sort()).toEqual(["'+SUM(A1)", "'-2+3", "'=1+2", "'@cmd", 'Ana']);

    const link = await api.call('GET', `/v1/contacts/export?tag=${tag}&delivery=link`);
    expect(link.status).toBe(200);
    expect(link.body).toMatchObject({ rows: 5, url: expect.stringContaining('exports/') });
    const file = await fetch(link.body.url);
    expect(file.status).toBe(200);
    expect(await file.text()).toBe(res.body);
  });

  it("exports an event's orders", async () => {
    const event = await givenPublishedEvent(api.call);
    const free = await givenTicketType(api.call, event.id, { price: { amount: 0, currency: 'EUR' } });
    for (let i = 0; i < 3; i++) {
      await api.call('POST', `/v1/events/${event.id}/orders`, { role: null, body: { buyer: { email: `o${i}.${stamp}@exports.test` }, items: [{ ticketTypeId: free.id, quantity: 2 }] } });
    }
    const res = await api.call('GET', `/v1/events/${event.id}/orders/export`);
    const rows = parse(res.body as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.status === 'paid' && r.tickets === '2' && r.currency === 'EUR')).toBe(true);
    const checkIns = await api.call('GET', `/v1/events/${event.id}/check-ins/export`);
    expect((checkIns.body as string).split('\n')[0]).toBe('id,type,result,ticketId,ticketTypeId,listId,deviceId,scannedAt,offline');
  });

  it("answers a data-subject access request with a JSON bundle and CSVs behind presigned links, private notes left out", async () => {
    const c = await api.call('POST', '/v1/contacts', { body: { email: `dsr.${stamp}@exports.test`, firstName: 'Dora' } });
    await api.call('POST', `/v1/contacts/${c.body.id}/consents`, { body: { purpose: 'sms', state: 'granted' } });
    await api.call('POST', '/v1/notes', { body: { contactId: c.body.id, body: 'Likes jazz' } });
    await api.call('POST', '/v1/notes', { body: { contactId: c.body.id, body: 'Private working note', isPrivate: true } });
    const asked = await api.call('POST', `/v1/contacts/${c.body.id}/data-export`);
    expect(asked.status, JSON.stringify(asked.body)).toBe(202);
    expect(asked.body).toMatchObject({ contactId: c.body.id, status: 'pending' });
    const location = asked.headers.get('location')!;
    expect(location).toBe(`/v1/data-exports/${asked.body.id}`);
    // Built by the data-export-build consumer: wait for it, not for a time.
    let res = await api.call('GET', location);
    for (let i = 0; res.body.status === 'pending' && i < 200; i++) {
      await new Promise((r) => setTimeout(r, 50));
      res = await api.call('GET', location);
    }
    expect(res.status, JSON.stringify(res.body)).toBe(200);
    expect(res.body.status).toBe('ready');
    expect(res.body.counts).toMatchObject({ contact: 1, consents: 1, notes: 1 });
    expect(Date.parse(res.body.expiresAt) - Date.now()).toBeLessThanOrEqual(15 * 60_000);
    const names = res.body.files.map((f: { name: string }) => f.name);
    expect(names).toEqual(expect.arrayContaining(['bundle.json', 'contact.csv', 'consents.csv', 'notes.csv']));
    const bundle: any = await (await fetch(res.body.files.find((f: { name: string }) => f.name === 'bundle.json').url)).json();
    expect(bundle.contact[0]).toMatchObject({ email: `dsr.${stamp}@exports.test`, firstName: 'Dora' });
    expect(JSON.stringify(bundle)).toContain('Likes jazz');
    expect(JSON.stringify(bundle)).not.toContain('Private working note');
    expect(JSON.stringify(bundle)).not.toMatch(/"pk"|"gsi1pk"/);
    const csv = await (await fetch(res.body.files.find((f: { name: string }) => f.name === 'contact.csv').url)).text();
    expect(csv).toContain(`dsr.${stamp}@exports.test`);
    // A role without contacts:erase cannot read it; an unknown request is a 404; an unknown contact too.
    expect((await api.call('GET', location, { role: 'sales' })).status).toBe(403);
    expect((await api.call('GET', '/v1/data-exports/01JD0000000000000000000000')).status).toBe(404);
    expect((await api.call('POST', '/v1/contacts/01JD0000000000000000000000/data-export')).status).toBe(404);
  });
});
