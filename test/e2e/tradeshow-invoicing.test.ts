import { describe, expect, it } from 'vitest';
import { documentClient } from '#packages/core/db/client.ts';
import { db } from '#packages/core/db/service.ts';
import { useTestApi } from '../support/local-api.ts';
import { busEvents, givenCompany, givenTradeShow } from '../support/tradeshow-fixtures.ts';

const api = useTestApi();
const EUR = (amount: number) => ({ amount, currency: 'EUR' });
const key = () => ({ 'idempotency-key': crypto.randomUUID() });

async function givenSponsorship(eventId: string, passTypeId: string, benefits: unknown[] = [{ kind: 'logo', description: 'Logo on the lanyard' }]) {
  const tier = await api.call('POST', `/v1/events/${eventId}/sponsor-tiers`, { body: { name: 'Gold', price: EUR(500_000), passTicketTypeId: passTypeId, benefits } });
  expect(tier.status).toBe(201);
  const company = await givenCompany(api.call, `Sponsor ${crypto.randomUUID().slice(0, 8)}`);
  const created = await api.call('POST', `/v1/events/${eventId}/sponsors`, { body: { companyId: company.id, tierId: tier.body.id } });
  expect(created.status).toBe(201);
  const base = `/v1/events/${eventId}/sponsors/${created.body.id}`;
  const move = (status: string) => api.call('POST', `${base}/status`, { body: { status } });
  return { s: created.body, base, move };
}

const opportunity = async (id: string) => (await api.call('GET', `/v1/opportunities/${id}`)).body;

describe('trade-show billing: invoices, payments, booths on the bill', () => {
  it('invoiced only by issuing the invoice, paid only by a payment matching it; the status route refuses both and any skipped step', async () => {
    const { event, passType } = await givenTradeShow(api.call, 1);
    const { s, base, move } = await givenSponsorship(event.id, passType.id);
    expect([(await move('signed')).status, (await move('signed')).body.code]).toEqual([409, 'invalid_transition']);
    const early = await api.call('POST', `${base}/invoice`, { body: {} });
    expect([early.status, early.body.code]).toEqual([409, 'invalid_transition']);
    expect((await move('proposal')).status).toBe(200);
    expect((await move('signed')).status).toBe(200);
    for (const [status, code] of [['invoiced', 'invoice_required'], ['paid', 'payment_required'], ['fulfilled', 'invalid_transition']]) {
      const refused = await move(status!);
      expect([refused.status, refused.body.code], status).toEqual([409, code]);
    }
    const notInvoiced = await api.call('POST', `${base}/payments`, { headers: key(), body: { method: 'bank_transfer', reference: 'EARLY', amount: EUR(500_000) } });
    expect([notInvoiced.status, notInvoiced.body.code]).toEqual([409, 'not_invoiced']);

    const invoiced = await api.call('POST', `${base}/invoice`, { body: { number: 'INV-2030-0001', dueDate: '2030-03-01' } });
    expect(invoiced.status).toBe(200);
    expect(invoiced.body).toMatchObject({ status: 'invoiced', invoice: { number: 'INV-2030-0001', amount: 500_000, currency: 'EUR', issuedAt: expect.any(String), dueDate: '2030-03-01' } });
    expect((await api.call('POST', `${base}/invoice`, { body: {} })).body.invoice.number).toBe('INV-2030-0001');
    const renumber = await api.call('POST', `${base}/invoice`, { body: { number: 'INV-OTHER' } });
    expect([renumber.status, renumber.body.code]).toEqual([409, 'already_invoiced']);
    expect(busEvents(api.bus, 'sponsor.invoiced').filter((d) => d.sponsorshipId === s.id)).toEqual([
      expect.objectContaining({ invoiceNumber: 'INV-2030-0001', amount: EUR(500_000), opportunityId: s.opportunityId }),
    ]);

    const pay = (body: Record<string, unknown>, headers: Record<string, string> = key()) => api.call('POST', `${base}/payments`, { headers, body: { method: 'bank_transfer', ...body } });
    const noKey = await pay({ reference: 'BANK-1', amount: EUR(500_000) }, {});
    expect([noKey.status, noKey.body.code]).toEqual([400, 'idempotency_key_required']);
    for (const amount of [EUR(499_999), { amount: 500_000, currency: 'USD' }]) {
      const wrong = await pay({ reference: 'BANK-1', amount });
      expect([wrong.status, wrong.body.code]).toEqual([422, 'amount_mismatch']);
    }
    expect((await api.call('GET', base)).body.status).toBe('invoiced');

    const k = key();
    const paid = await pay({ reference: 'BANK-1', amount: EUR(500_000), receivedOn: '2030-02-20' }, k);
    expect(paid.status).toBe(201);
    expect(paid.body).toMatchObject({ status: 'paid', payment: { method: 'bank_transfer', reference: 'BANK-1', amount: 500_000, currency: 'EUR', receivedOn: '2030-02-20' } });
    const replay = await pay({ reference: 'BANK-1', amount: EUR(500_000), receivedOn: '2030-02-20' }, k);
    expect([replay.status, replay.headers.get('idempotent-replayed')]).toEqual([201, 'true']);
    const second = await pay({ reference: 'BANK-2', amount: EUR(500_000) });
    expect([second.status, second.body.code]).toEqual([409, 'already_paid']);
    expect(busEvents(api.bus, 'sponsor.paid').filter((d) => d.sponsorshipId === s.id)).toEqual([expect.objectContaining({ reference: 'BANK-1', amount: EUR(500_000), invoiceNumber: 'INV-2030-0001' })]);
    expect((await opportunity(s.opportunityId)).status).toBe('won');
  });

  it('the status, the opportunity and sponsor.signed commit together: a failed opportunity condition leaves the status unchanged', async () => {
    const { event, passType } = await givenTradeShow(api.call, 1);
    const { s, base, move } = await givenSponsorship(event.id, passType.id);
    expect((await move('proposal')).status).toBe(200);
    const before = await opportunity(s.opportunityId);
    // A CRM edit of the opportunity lands between the sign's read and its transaction.
    let interfered = false;
    documentClient.middlewareStack.add(
      (next) => async (args) => {
        const input = args.input as { TransactItems?: unknown[] };
        const text = JSON.stringify(input.TransactItems ?? []).toLowerCase();
        if (!interfered && text.includes(s.id.toLowerCase()) && text.includes(s.opportunityId.toLowerCase())) {
          interfered = true;
          await db().entities.opportunity.patch({ opportunityId: s.opportunityId }).set({ name: 'Renamed in the CRM meanwhile' }).go();
        }
        return next(args);
      },
      { step: 'initialize', name: 'opportunityEditedMeanwhile' },
    );
    try {
      const refused = await move('signed');
      expect([refused.status, refused.body.code]).toEqual([409, 'opportunity_changed']);
    } finally {
      documentClient.middlewareStack.remove('opportunityEditedMeanwhile');
    }
    expect(interfered).toBe(true);
    expect((await api.call('GET', base)).body).toMatchObject({ status: 'proposal' });
    expect((await api.call('GET', base)).body.signedAt).toBeUndefined();
    expect(await opportunity(s.opportunityId)).toMatchObject({ stageId: before.stageId, status: 'open', name: 'Renamed in the CRM meanwhile' });
    expect(busEvents(api.bus, 'sponsor.signed').filter((d) => d.sponsorshipId === s.id)).toEqual([]);
    // Tried again, both move.
    expect((await move('signed')).body.status).toBe('signed');
    expect((await opportunity(s.opportunityId)).status).toBe('won');
  });

  it("a sponsor's booth goes on the sponsorship's bill and its opportunity until the invoice; a plain exhibitor's on its own", async () => {
    const { event, passType } = await givenTradeShow(api.call, 3);
    const { s, base, move } = await givenSponsorship(event.id, passType.id);
    for (const [guid, amount] of [['B-1', 150_000], ['B-2', 80_000], ['B-3', 90_000]] as const) {
      expect((await api.call('PUT', `/v1/events/${event.id}/booths/${guid}`, { body: { price: EUR(amount) } })).status).toBe(200);
    }
    const exhibitor = (name: string, sponsorshipId?: string) => api.call('POST', `/v1/events/${event.id}/exhibitors`, { body: { name, ...(sponsorshipId ? { sponsorshipId } : {}) } });
    const acme = (await exhibitor('Acme', s.id)).body;
    const book = (guid: string, exhibitorId: string) => api.call('POST', `/v1/events/${event.id}/booths/${guid}/booking`, { body: { exhibitorId } });
    expect((await book('B-1', acme.id)).status).toBe(200);

    const billed = (await api.call('GET', base)).body;
    expect(billed).toMatchObject({ amount: EUR(650_000), booths: [{ boothGuid: 'B-1', exhibitorId: acme.id, amount: 150_000, currency: 'EUR' }] });
    expect((await opportunity(s.opportunityId)).amount).toEqual(EUR(650_000));
    expect((await api.call('GET', `/v1/events/${event.id}/exhibitors/${acme.id}`)).body.boothCharge).toEqual({ amount: 150_000, currency: 'EUR', billedTo: 'sponsorship' });
    expect(busEvents(api.bus, 'booth.booked').filter((d) => d.exhibitorId === acme.id)).toEqual([expect.objectContaining({ billedTo: 'sponsorship', price: EUR(150_000) })]);

    // The invoice bills the booth with the tier.
    await move('proposal');
    await move('signed');
    expect((await api.call('POST', `${base}/invoice`, { body: {} })).body.invoice).toMatchObject({ amount: 650_000, currency: 'EUR' });
    // After the invoice, a second exhibitor of the sponsorship is billed on its own; the invoice and opportunity stand.
    const acmeTwo = (await exhibitor('Acme Labs', s.id)).body;
    expect((await book('B-2', acmeTwo.id)).status).toBe(200);
    expect((await api.call('GET', `/v1/events/${event.id}/exhibitors/${acmeTwo.id}`)).body.boothCharge).toEqual({ amount: 80_000, currency: 'EUR', billedTo: 'exhibitor' });
    expect((await api.call('GET', base)).body).toMatchObject({ amount: EUR(650_000), invoice: { amount: 650_000 } });
    expect((await opportunity(s.opportunityId)).amount).toEqual(EUR(650_000));

    const plain = (await exhibitor('Globex')).body;
    expect((await book('B-3', plain.id)).status).toBe(200);
    expect((await api.call('GET', `/v1/events/${event.id}/exhibitors/${plain.id}`)).body.boothCharge).toEqual({ amount: 90_000, currency: 'EUR', billedTo: 'exhibitor' });

    // A booth billed to its exhibitor has its own invoice and payment; one on the sponsorship's invoice has none.
    const onSponsorship = await api.call('POST', `/v1/events/${event.id}/exhibitors/${acme.id}/booth-invoice`, { body: {} });
    expect([onSponsorship.status, onSponsorship.body.code]).toEqual([409, 'nothing_to_invoice']);
    const plainBase = `/v1/events/${event.id}/exhibitors/${plain.id}`;
    const early = await api.call('POST', `${plainBase}/booth-payments`, { headers: key(), body: { method: 'bank_transfer', reference: 'GX-1', amount: EUR(90_000) } });
    expect([early.status, early.body.code]).toEqual([409, 'not_invoiced']);
    const invoice = await api.call('POST', `${plainBase}/booth-invoice`, { body: { number: 'BO-GX-1' } });
    expect(invoice.body.boothInvoice).toMatchObject({ number: 'BO-GX-1', amount: 90_000, currency: 'EUR', issuedAt: expect.any(String) });
    const short = await api.call('POST', `${plainBase}/booth-payments`, { headers: key(), body: { method: 'bank_transfer', reference: 'GX-1', amount: EUR(9_000) } });
    expect([short.status, short.body.code]).toEqual([422, 'amount_mismatch']);
    const paid = await api.call('POST', `${plainBase}/booth-payments`, { headers: key(), body: { method: 'bank_transfer', reference: 'GX-1', amount: EUR(90_000) } });
    expect([paid.status, paid.body.boothPayment?.reference]).toEqual([201, 'GX-1']);
    const again = await api.call('POST', `${plainBase}/booth-payments`, { headers: key(), body: { method: 'manual', reference: 'GX-2', amount: EUR(90_000) } });
    expect([again.status, again.body.code]).toEqual([409, 'already_paid']);
  });

  it("exhibitors of one sponsorship booking at once: every booth booked is on its bill, none booked unbilled", async () => {
    const { event, passType } = await givenTradeShow(api.call, 4);
    const { s, base } = await givenSponsorship(event.id, passType.id);
    const guids = ['B-1', 'B-2', 'B-3', 'B-4'];
    for (const guid of guids) await api.call('PUT', `/v1/events/${event.id}/booths/${guid}`, { body: { price: EUR(10_000) } });
    const exhibitors: Array<{ id: string }> = [];
    for (const guid of guids) exhibitors.push((await api.call('POST', `/v1/events/${event.id}/exhibitors`, { body: { name: `Team ${guid}`, sponsorshipId: s.id } })).body);
    const bookings = await Promise.all(guids.map((guid, i) => api.call('POST', `/v1/events/${event.id}/booths/${guid}/booking`, { body: { exhibitorId: exhibitors[i]!.id } })));
    const booked = bookings.filter((b) => b.status === 200).length;
    // Each booking either committed with its line on the bill or was refused as a whole (never booked and unbilled).
    expect(bookings.filter((b) => b.status !== 200).every((b) => b.status === 409 && b.body.code === 'concurrent_update')).toBe(true);
    const sponsorship = (await api.call('GET', base)).body;
    expect(sponsorship.booths ?? []).toHaveLength(booked);
    expect(sponsorship.amount).toEqual(EUR(500_000 + booked * 10_000));
    expect((await opportunity(s.opportunityId)).amount).toEqual(EUR(500_000 + booked * 10_000));
    const booths = (await api.call('GET', `/v1/events/${event.id}/booths`, { role: null })).body.items;
    expect(booths.filter((b: { state: string }) => b.state === 'booked')).toHaveLength(booked);
    expect(booked).toBeGreaterThanOrEqual(2);
  });
});
