import { parse } from 'csv-parse/sync';
import { describe, expect, it, vi } from 'vitest';
import { db } from '#packages/core/db/service.ts';
import { givenTickets } from '../support/conference-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail } from '../support/sales-fixtures.ts';
import { attendeeLink, busEvents, givenExhibitor, givenStaff, givenTradeShow } from '../support/tradeshow-fixtures.ts';

const api = useTestApi();

describe('exhibitors, booths and badge-scan leads', () => {
  it('a booth raced by 20 concurrent bookings is booked exactly once', async () => {
    const { event } = await givenTradeShow(api.call, 2);
    const onSale = await api.call('PUT', `/v1/events/${event.id}/booths/B-1`, { body: { price: { amount: 120_000, currency: 'EUR' } } });
    expect(onSale.body).toMatchObject({ boothGuid: 'B-1', state: 'available', size: { width: 3, height: 3 }, position: { x: 100, y: 300 } });
    const notOnMap = await api.call('PUT', `/v1/events/${event.id}/booths/Z-9`, { body: { price: { amount: 1, currency: 'EUR' } } });
    expect([notOnMap.status, notOnMap.body.code]).toEqual([422, 'booth_not_on_map']);

    const exhibitors = [];
    for (let i = 0; i < 20; i++) exhibitors.push(await givenExhibitor(api.call, event.id, { name: `Exhibitor ${i}` }));
    // Each exhibitor's own staff books for it, all at once.
    await Promise.all(exhibitors.map((e, i) => givenStaff(api.call, event.id, e.id, `race-staff-${event.id}-${i}`)));
    const bookings = await Promise.all(
      exhibitors.map((e, i) =>
        api.call('POST', `/v1/events/${event.id}/booths/B-1/booking`, { role: 'exhibitor_staff', userId: `race-staff-${event.id}-${i}`, body: { exhibitorId: e.id } }),
      ),
    );
    const won = bookings.filter((r) => r.status === 200);
    expect(won).toHaveLength(1);
    expect(bookings.filter((r) => r.status !== 200).map((r) => r.status)).toEqual(Array(19).fill(409));
    const booths = (await api.call('GET', `/v1/events/${event.id}/booths`, { role: null })).body.items;
    const b1 = booths.find((b: { boothGuid: string }) => b.boothGuid === 'B-1');
    expect(b1).toMatchObject({ state: 'booked', exhibitorId: won[0]!.body.exhibitorId });
    await vi.waitFor(() => expect(busEvents(api.bus, 'booth.booked').filter((d) => d.eventId === event.id)).toEqual([expect.objectContaining({ boothGuid: 'B-1', exhibitorId: won[0]!.body.exhibitorId, price: { amount: 120_000, currency: 'EUR' } })]));
    const list = (await api.call('GET', `/v1/events/${event.id}/exhibitors`)).body.items;
    expect(list.filter((e: { boothGuid?: string }) => e.boothGuid === 'B-1')).toHaveLength(1);
    // Staff cannot book for an exhibitor they do not work for.
    await api.call('PUT', `/v1/events/${event.id}/booths/B-2`, { body: { price: { amount: 100_000, currency: 'EUR' } } });
    const foreign = await api.call('POST', `/v1/events/${event.id}/booths/B-2/booking`, { role: 'exhibitor_staff', userId: `race-staff-${event.id}-0`, body: { exhibitorId: exhibitors[1]!.id } });
    expect(foreign.status).toBe(404);
    // The public directory shows the profile and where its booth is.
    const directory = (await api.call('GET', `/v1/events/${event.id}/exhibitor-directory`, { role: null })).body.items;
    expect(directory.find((e: { id: string }) => e.id === won[0]!.body.exhibitorId).booth).toMatchObject({ boothGuid: 'B-1', name: 'Booth 1' });
  });

  it('a scan stores the attendee only with their sharing consent; an exhibitor reads no other exhibitor’s leads; export is CSV', async () => {
    const { event, type } = await givenTradeShow(api.call);
    const acme = await givenExhibitor(api.call, event.id, { name: 'Acme', leadQuestions: [{ id: 'budget', label: 'Budget', options: ['<10k', '10k+'] }] });
    const globex = await givenExhibitor(api.call, event.id, { name: 'Globex' });
    const acmeStaff = `acme-${event.id}`;
    const globexStaff = `globex-${event.id}`;
    await givenStaff(api.call, event.id, acme.id, acmeStaff);
    await givenStaff(api.call, event.id, globex.id, globexStaff);
    await api.call('PUT', `/v1/events/${event.id}/booths/B-1`, { body: { price: { amount: 100_000, currency: 'EUR' } } });
    await api.call('POST', `/v1/events/${event.id}/booths/B-1/booking`, { body: { exhibitorId: acme.id } });

    const { tickets } = await givenTickets(api.call, event.id, type.id, 2);
    const sharer = tickets[0]!;
    const privateOne = tickets[1]!;
    const email = buyerEmail('sharer');
    const privateEmail = buyerEmail('private');
    await api.call('PUT', `/v1/tickets/${sharer.id}/attendee`, { body: { firstName: 'Sam', lastName: 'Share', email, company: '=cmd|calc', jobTitle: 'CTO' } });
    const named = await api.call('PUT', `/v1/tickets/${privateOne.id}/attendee`, { body: { firstName: 'Pri', lastName: 'Vate', email: privateEmail } });
    const consent = await api.call('PUT', `/v1/attendee-links/${attendeeLink(sharer.id, event.id)}/lead-sharing`, { role: null, body: { share: true } });
    expect(consent.body).toEqual({ ticketId: sharer.id, share: true });

    const scan = (code: string, staff = acmeStaff, exhibitorId = acme.id) =>
      api.call('POST', `/v1/events/${event.id}/exhibitors/${exhibitorId}/scans`, { role: 'exhibitor_staff', userId: staff, body: { code } });
    const shared = await scan(sharer.code);
    expect(shared.status).toBe(201);
    expect(shared.body).toMatchObject({ shared: true, firstName: 'Sam', lastName: 'Share', email, jobTitle: 'CTO', scanCount: 1 });
    const anonymous = await scan(privateOne.code);
    expect(anonymous.status).toBe(201);
    expect(anonymous.body).toMatchObject({ shared: false, scanCount: 1 });
    for (const field of ['firstName', 'lastName', 'email', 'company', 'jobTitle']) expect(anonymous.body[field]).toBeUndefined();
    // Nothing personal is stored on the item either: no name, email, ticket or contact.
    const { data: stored } = await db().entities.exhibitorLead.get({ exhibitorId: acme.id, leadId: anonymous.body.id }).go();
    const raw = JSON.stringify(stored);
    for (const personal of [privateEmail, 'Pri', 'Vate', privateOne.id, named.body.attendee.contactId]) expect(raw).not.toContain(personal);
    expect(anonymous.body.id).not.toContain(privateOne.id);

    expect((await scan(sharer.code)).body.scanCount).toBe(2);
    const globexLead = await scan(sharer.code, globexStaff, globex.id);
    expect(globexLead.body.id).not.toBe(shared.body.id);

    // Each exhibitor's staff reads only its own leads; another exhibitor's list, lead or export is 404.
    const acmeLeads = await api.call('GET', `/v1/events/${event.id}/exhibitors/${acme.id}/leads`, { role: 'exhibitor_staff', userId: acmeStaff });
    expect(acmeLeads.body.items.map((l: { id: string }) => l.id).sort()).toEqual([shared.body.id, anonymous.body.id].sort());
    for (const path of ['leads', 'leads.csv', `leads/${shared.body.id}`]) {
      const method = path.startsWith('leads/') ? 'PATCH' : 'GET';
      const res = await api.call(method, `/v1/events/${event.id}/exhibitors/${acme.id}/${path}`, { role: 'exhibitor_staff', userId: globexStaff, ...(method === 'PATCH' ? { body: { rating: 1 } } : {}) });
      expect(res.status, path).toBe(404);
    }
    expect((await scan(sharer.code, globexStaff, acme.id)).status).toBe(404);

    // Qualify with the exhibitor's own questions, then export.
    const bad = await api.call('PATCH', `/v1/events/${event.id}/exhibitors/${acme.id}/leads/${shared.body.id}`, { role: 'exhibitor_staff', userId: acmeStaff, body: { answers: { budget: 'lots' } } });
    expect([bad.status, bad.body.code]).toEqual([422, 'answers_invalid']);
    const qualified = await api.call('PATCH', `/v1/events/${event.id}/exhibitors/${acme.id}/leads/${shared.body.id}`, {
      role: 'exhibitor_staff',
      userId: acmeStaff,
      body: { rating: 5, notes: 'Wants a demo', answers: { budget: '10k+' } },
    });
    expect(qualified.body).toMatchObject({ rating: 5, notes: 'Wants a demo', answers: { budget: '10k+' } });
    const csv = await api.call('GET', `/v1/events/${event.id}/exhibitors/${acme.id}/leads.csv`, { role: 'exhibitor_staff', userId: acmeStaff });
    expect(csv.headers.get('content-type')).toContain('text/csv');
    const rows = parse(csv.body as string, { columns: true }) as Record<string, string>[];
    expect(rows).toHaveLength(2);
    const row = rows.find((r) => r.leadId === shared.body.id)!;
    expect(row).toMatchObject({ shared: 'true', email, rating: '5', 'answer:budget': '10k+', company: "'=cmd|calc" });
    expect(rows.find((r) => r.leadId === anonymous.body.id)).toMatchObject({ shared: 'false', email: '', firstName: '' });

    // Each visit is a `booth.visited` (a workflow trigger: it names the attendee's contact), shared or not.
    await vi.waitFor(() => {
      const visits = busEvents(api.bus, 'booth.visited').filter((d) => d.eventId === event.id);
      expect(visits).toHaveLength(4);
      expect(visits.filter((d) => d.ticketId === privateOne.id)).toEqual([expect.objectContaining({ shared: false, exhibitorId: acme.id, contactId: named.body.attendee.contactId, boothGuid: 'B-1' })]);
    });
    // Organisers see traffic per hour; the visit is on the attendee's timeline.
    const traffic = (await api.call('GET', `/v1/events/${event.id}/booth-traffic`)).body.items;
    expect(traffic.find((t: { boothGuid: string }) => t.boothGuid === 'B-1')).toMatchObject({ exhibitorId: acme.id, visits: 3, hour: expect.stringMatching(/^\d{4}-\d\d-\d\dT\d\d$/) });
    expect((await api.call('GET', `/v1/events/${event.id}/booth-traffic`, { role: 'exhibitor_staff', userId: acmeStaff })).status).toBe(403);
    await vi.waitFor(async () => {
      const timeline = (await api.call('GET', `/v1/contacts/${shared.body.contactId ?? (await contactOf(email))}/timeline`)).body.items;
      expect(timeline.filter((t: { kind: string }) => t.kind === 'booth.visited')).toHaveLength(3);
    }, { timeout: 10_000 });
  });
});

async function contactOf(email: string): Promise<string> {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  return res.body.items[0].id;
}
