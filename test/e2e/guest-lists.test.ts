import { describe, expect, it } from 'vitest';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenLink, givenPlan, givenPromoter, ledgerOf } from '../support/promoter-fixtures.ts';
import { buyerEmail, givenPublishedEvent, hours } from '../support/sales-fixtures.ts';

const api = useTestApi();

async function givenGuestList(eventId: string, quota = 10, deadline = hours(40)) {
  const res = await api.call('POST', `/v1/events/${eventId}/guest-lists`, { body: { name: 'Friday list', tiers: [{ tierId: 'vip', name: 'VIP', quota, deadline }] } });
  if (res.status !== 201) throw new Error(`guest list: ${res.status} ${JSON.stringify(res.body)}`);
  return res.body as { id: string };
}

describe('guest lists', () => {
  it('a promoter adds guests; the same person on another promoter’s list is 409 duplicate_guest; quota and deadline hold', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await givenGuestList(event.id, 2);
    const a = await givenPromoter(api.call);
    const b = await givenPromoter(api.call);
    const email = buyerEmail('guest');

    const added = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Ana Ruiz', email: email.toUpperCase() }, ...a.as });
    expect(added.status).toBe(201);
    expect(added.body).toMatchObject({ promoterId: a.promoter.id, email, status: 'expected', source: 'promoter' });
    expect(added.body.code).toMatch(/^GL1\./);

    const dup = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Ana R.', email }, ...b.as });
    expect(dup.status).toBe(409);
    expect(dup.body.code).toBe('duplicate_guest');
    // By phone, however it is written.
    const byPhone = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Luis', phone: '+34 612 34 56 78' }, ...a.as });
    expect(byPhone.status).toBe(201);
    const samePhone = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Luis', phone: '+34612345678' }, ...b.as });
    expect(samePhone.body.code).toBe('duplicate_guest');

    const full = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Third', email: buyerEmail('third') }, ...b.as });
    expect(full.status).toBe(409);
    expect(full.body.code).toBe('guest_list_full');

    // A promoter cannot add to another promoter's name.
    const forged = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'X', email: buyerEmail('x'), promoterId: a.promoter.id }, ...b.as });
    expect(forged.status).toBe(404);

    const late = await givenGuestList(event.id, 5, hours(-1));
    const closed = await api.call('POST', `/v1/guest-lists/${late.id}/guests`, { body: { tierId: 'vip', name: 'Late', email: buyerEmail('late') }, ...a.as });
    expect(closed.status).toBe(422);
    expect(closed.body.code).toBe('guest_list_closed');

    // Organisers see places taken; promoters only the tiers.
    const asOrganiser = await api.call('GET', `/v1/events/${event.id}/guest-lists`);
    expect(asOrganiser.body.items.find((l: { id: string }) => l.id === list.id).tiers[0].taken).toBe(2);
    const asPromoter = await api.call('GET', `/v1/events/${event.id}/guest-lists`, a.as);
    expect(asPromoter.body.items.find((l: { id: string }) => l.id === list.id).tiers[0].taken).toBeUndefined();
  });

  it('sign-up through the link; the guest code is scanned at the door once; per-check-in commission once; CRM contact with the promoter as lead source; no-shows', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await givenGuestList(event.id);
    const plan = await givenPlan(api.call, { rules: [{ ruleId: 'door', scope: 'guest_list', basis: 'per_check_in', amount: { amount: 150, currency: 'EUR' } }] });
    const { promoter, as } = await givenPromoter(api.call, { planId: plan.id });
    const link = await givenLink(api.call, promoter.id, event.id, { guestListId: list.id, tierId: 'vip' });
    const email = buyerEmail('door');
    const signed = await api.call('POST', `/v1/promoter-links/${link.slug}/guests`, { role: null, body: { name: 'Marta Gil', email } });
    expect(signed.status).toBe(201);
    expect(signed.body.source).toBe('link');
    const stayedHome = await api.call('POST', `/v1/promoter-links/${link.slug}/guests`, { role: null, body: { name: 'Nadie', email: buyerEmail('home') } });
    expect(stayedHome.status).toBe(201);

    const scans = await Promise.all(
      ['gate-1', 'gate-2'].map((deviceId) => api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code: signed.body.code, deviceId } })),
    );
    expect(scans.map((s) => s.status).sort()).toEqual([201, 409]);
    const admitted = scans.find((s) => s.status === 201)!;
    expect(admitted.body.attendee).toMatchObject({ name: 'Marta Gil', ticketTypeName: 'Guest list · VIP' });
    const forged = await api.call('POST', `/v1/events/${event.id}/check-ins`, { role: 'scanner', body: { code: `${signed.body.code.slice(0, -2)}ZZ`, deviceId: 'gate-1' } });
    expect(forged.status).toBe(404);
    await api.bus.drain();

    const lines = await ledgerOf(api.call, promoter.id, as);
    expect(lines).toMatchObject([{ guestId: signed.body.id, kind: 'check_in', amount: 150, currency: 'EUR', status: 'pending' }]);
    const figures = await api.call('GET', `/v1/promoters/${promoter.id}/figures?eventId=${event.id}`, as);
    expect(figures.body.guests).toEqual({ added: 2, checkedIn: 1 });
    expect(api.bus.recent.filter((e) => e['detail-type'] === 'guest.checked_in' && (e.detail as any).data.guestId === signed.body.id)).toHaveLength(1);

    const contact = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
    expect(contact.body.items[0]).toMatchObject({ email, leadSource: `promoter:${promoter.code.toLowerCase()}` });
    const timeline = await api.call('GET', `/v1/contacts/${contact.body.items[0].id}/timeline`);
    expect(timeline.body.items.map((i: { kind: string }) => i.kind).sort()).toEqual(['guest.added', 'guest.checked_in']);

    // After the event: the one who never came is a no-show.
    const clock = advanceClock(60 * 3600_000);
    try {
      const noShows = await api.call('GET', `/v1/guest-lists/${list.id}/guests?status=no_show`, { role: 'admin' });
      expect(noShows.body.items.map((g: { id: string }) => g.id)).toEqual([stayedHome.body.id]);
    } finally {
      clock.restore();
    }
    const mine = await api.call('GET', `/v1/promoters/${promoter.id}/guests?eventId=${event.id}`, as);
    expect(mine.body.items.map((g: { status: string }) => g.status).sort()).toEqual(['checked_in', 'expected']);
  });

  it('a guest code in an offline scanner batch is admitted once', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await givenGuestList(event.id);
    const { as } = await givenPromoter(api.call);
    const guest = await api.call('POST', `/v1/guest-lists/${list.id}/guests`, { body: { tierId: 'vip', name: 'Offline Olga', email: buyerEmail('olga') }, ...as });
    const at = new Date().toISOString();
    const res = await api.call('POST', `/v1/events/${event.id}/check-ins/batch`, {
      role: 'scanner',
      body: { deviceId: 'gate-9', scans: [{ code: guest.body.code, scannedAt: at, nonce: 'n1' }, { code: guest.body.code, scannedAt: at, nonce: 'n2' }] },
    });
    expect(res.status).toBe(200);
    expect(res.body.results.map((r: { code: string; httpStatus: number }) => [r.code, r.httpStatus])).toEqual([
      ['ok', 201],
      ['already_checked_in', 409],
    ]);
  });
});
