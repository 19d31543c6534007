import { describe, expect, it } from 'vitest';
import { ulid } from 'ulid';
import { useTestApi } from '../support/local-api.ts';
import { givenCompany, givenExhibitor, givenTradeShow } from '../support/tradeshow-fixtures.ts';

const api = useTestApi();

describe('exhibitor staff seats, exhibitors in the agenda, unknown events', () => {
  it('lead-scanner seats cap the staff: of 8 concurrent invitations to 3 seats exactly 3 succeed; removing one frees a seat', async () => {
    const { event } = await givenTradeShow(api.call, 1);
    const exhibitor = await givenExhibitor(api.call, event.id, { name: 'Acme', leadScannerSeats: 3 });
    const base = `/v1/events/${event.id}/exhibitors/${exhibitor.id}`;
    const users = Array.from({ length: 8 }, (_, i) => `seat-${event.id}-${i}`);
    const answers = await Promise.all(users.map((userId) => api.call('POST', `${base}/staff`, { body: { userId } })));
    const added = users.filter((_, i) => answers[i]!.status === 201);
    expect(added).toHaveLength(3);
    expect(answers.filter((a) => a.status !== 201).map((a) => [a.status, a.body.code, a.headers.get('content-type')])).toEqual(
      Array(5).fill([409, 'staff_seats_full', 'application/problem+json']),
    );
    expect((await api.call('GET', base)).body).toMatchObject({ leadScannerSeats: 3, staffCount: 3 });
    // Naming someone already staff takes no second seat.
    expect((await api.call('POST', `${base}/staff`, { body: { userId: added[0] } })).status).toBe(201);
    expect((await api.call('GET', base)).body.staffCount).toBe(3);
    const refusedUser = users.find((u) => !added.includes(u))!;
    expect((await api.call('GET', `${base}/leads`, { role: 'exhibitor_staff', userId: refusedUser })).status).toBe(404);

    expect((await api.call('DELETE', `${base}/staff/${added[0]}`)).status).toBe(204);
    expect((await api.call('DELETE', `${base}/staff/${added[0]}`)).status).toBe(404);
    expect((await api.call('GET', `${base}/leads`, { role: 'exhibitor_staff', userId: added[0] })).status).toBe(404);
    expect((await api.call('GET', base)).body.staffCount).toBe(2);
    expect((await api.call('POST', `${base}/staff`, { body: { userId: refusedUser } })).status).toBe(201);
    expect((await api.call('GET', `${base}/leads`, { role: 'exhibitor_staff', userId: refusedUser })).status).toBe(200);
    const full = await api.call('POST', `${base}/staff`, { body: { userId: `seat-${event.id}-late` } });
    expect([full.status, full.body.code]).toEqual([409, 'staff_seats_full']);
  });

  it("a sponsor's exhibitor gets its tier's lead-scanner seats; none granted, none taken", async () => {
    const { event, passType } = await givenTradeShow(api.call, 1);
    const sponsorOf = async (benefits: unknown[]) => {
      const tier = await api.call('POST', `/v1/events/${event.id}/sponsor-tiers`, { body: { name: 'Tier', price: { amount: 100_000, currency: 'EUR' }, passTicketTypeId: passType.id, benefits } });
      const company = await givenCompany(api.call, `Sponsor ${ulid()}`);
      return (await api.call('POST', `/v1/events/${event.id}/sponsors`, { body: { companyId: company.id, tierId: tier.body.id } })).body.id as string;
    };
    const withSeats = await givenExhibitor(api.call, event.id, { name: 'Gold Co', sponsorshipId: await sponsorOf([{ kind: 'lead_scanner', quantity: 2, description: 'Two scanner seats' }]) });
    const without = await givenExhibitor(api.call, event.id, { name: 'Logo Co', sponsorshipId: await sponsorOf([{ kind: 'logo', description: 'Logo' }]) });
    expect((await api.call('GET', `/v1/events/${event.id}/exhibitors/${withSeats.id}`)).body.leadScannerSeats).toBe(2);
    const none = await api.call('POST', `/v1/events/${event.id}/exhibitors/${without.id}/staff`, { body: { userId: `nobody-${event.id}` } });
    expect([none.status, none.body.code]).toEqual([409, 'staff_seats_full']);
  });

  it('the agenda release carries the exhibitors’ public profiles; a profile change shows in the next release with a new ETag', async () => {
    const { event } = await givenTradeShow(api.call, 1);
    const acme = await givenExhibitor(api.call, event.id, {
      name: 'Acme',
      description: 'Warehouse robots',
      products: ['PickBot 3'],
      links: [{ label: 'Website', url: 'https://acme.example' }],
      leadQuestions: [{ id: 'budget', label: 'Budget' }],
    });
    await api.call('PUT', `/v1/events/${event.id}/booths/B-1`, { body: { price: { amount: 100_000, currency: 'EUR' } } });
    await api.call('POST', `/v1/events/${event.id}/booths/B-1/booking`, { body: { exhibitorId: acme.id } });
    const v1 = await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: {} });
    expect(v1.body.exhibitorChanges).toEqual([{ exhibitorId: acme.id, name: 'Acme', change: 'added' }]);
    const first = await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null });
    expect(first.body.exhibitors).toEqual([
      {
        id: acme.id,
        name: 'Acme',
        description: 'Warehouse robots',
        products: ['PickBot 3'],
        links: [{ label: 'Website', url: 'https://acme.example' }],
        booth: { boothGuid: 'B-1', name: 'Booth 1', position: { x: 100, y: 300 }, size: { width: 3, height: 3 } },
      },
    ]);
    const etag = first.headers.get('etag')!;
    expect((await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null, headers: { 'if-none-match': etag } })).status).toBe(304);

    expect((await api.call('PATCH', `/v1/events/${event.id}/exhibitors/${acme.id}`, { body: { description: 'Warehouse and hospital robots' } })).status).toBe(200);
    // The release stands until the next one: what the public saw stays cacheable.
    expect((await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null, headers: { 'if-none-match': etag } })).status).toBe(304);
    const v2 = await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: { comment: 'Exhibitor update' } });
    expect(v2.body).toMatchObject({ version: 2, changelog: [], exhibitorChanges: [{ exhibitorId: acme.id, change: 'changed' }] });
    const second = await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null, headers: { 'if-none-match': etag } });
    expect(second.status).toBe(200);
    expect(second.headers.get('etag')).not.toBe(etag);
    expect(second.body.exhibitors[0].description).toBe('Warehouse and hospital robots');
  });

  it('an unknown event: 404 problem+json from the public trade-show routes, never an empty 200', async () => {
    const unknown = ulid();
    for (const path of [`/v1/events/${unknown}/exhibitor-directory`, `/v1/events/${unknown}/booths`, `/v1/events/${unknown}/agenda`]) {
      const res = await api.call('GET', path, { role: null });
      expect([res.status, res.headers.get('content-type'), res.body.code], path).toEqual([404, 'application/problem+json', 'not_found']);
    }
    for (const path of [`/v1/events/${unknown}/exhibitors`, `/v1/events/${unknown}/booth-traffic`, `/v1/events/${unknown}/sponsors`, `/v1/events/${unknown}/sponsor-tiers`, `/v1/events/${unknown}/networking`]) {
      expect((await api.call('GET', path)).status, path).toBe(404);
    }
  });
});
