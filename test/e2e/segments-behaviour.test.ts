import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, givenPaidOrder, givenPublishedEvent, givenTicketType } from '../support/sales-fixtures.ts';
import { countOf, givenSegment, memberIds, sorted } from '../support/segment-fixtures.ts';

const api = useTestApi();

async function contactIdOf(email: string): Promise<string> {
  const res = await api.call('GET', `/v1/contacts?email=${encodeURIComponent(email)}`);
  expect(res.status).toBe(200);
  expect(res.body.items).toHaveLength(1);
  return res.body.items[0].id;
}

async function expectMembers(segmentId: string, expected: string[]) {
  expect(sorted(await memberIds(api.call, segmentId))).toEqual(sorted(expected));
  expect((await countOf(api.call, segmentId)).count).toBe(expected.length);
}

describe('purchase and attendance criteria', () => {
  it('bought ticket type, attended event and lifetime value follow paid orders and check-ins (live and when built later)', async () => {
    const event = await givenPublishedEvent(api.call);
    const early = await givenTicketType(api.call, event.id, { name: 'Early bird', price: { amount: 2000, currency: 'EUR' } });
    const regular = await givenTicketType(api.call, event.id, { name: 'Regular', price: { amount: 3000, currency: 'EUR' } });

    // Segments that exist before anything happens: kept up to date live.
    const live = {
      boughtEarly: await givenSegment(api.call, { boughtTicketTypeId: early.id }),
      attended: await givenSegment(api.call, { attendedEventId: event.id }),
      spent50: await givenSegment(api.call, { minLifetimeValue: { amount: 5000, currency: 'EUR' } }),
    };
    await api.bus.drain();

    const [ana, bob] = [buyerEmail('ana'), buyerEmail('bob')];
    const anaOrder = await givenPaidOrder(api.call, event.id, [{ ticketTypeId: early.id, quantity: 1 }], { email: ana });
    await givenPaidOrder(api.call, event.id, [{ ticketTypeId: regular.id, quantity: 2 }], { email: bob });
    await api.bus.drain();
    const [anaId, bobId] = [await contactIdOf(ana), await contactIdOf(bob)];

    await expectMembers(live.boughtEarly.id, [anaId]);
    await expectMembers(live.attended.id, []);
    await expectMembers(live.spent50.id, [bobId]);

    // Ana is admitted at the door.
    const scan = await api.call('POST', `/v1/events/${event.id}/check-ins`, { body: { code: anaOrder.tickets![0]!.code, deviceId: 'gate-1' } });
    expect(scan.status).toBe(201);
    await api.bus.drain();
    await expectMembers(live.attended.id, [anaId]);

    // The same criteria built over the existing contacts give the same members.
    const built = {
      boughtEarly: await givenSegment(api.call, { boughtTicketTypeId: early.id }),
      boughtRegular: await givenSegment(api.call, { boughtTicketTypeId: regular.id }),
      attended: await givenSegment(api.call, { attendedEventId: event.id }),
      spent50: await givenSegment(api.call, { minLifetimeValue: { amount: 5000, currency: 'EUR' } }),
      spentAny: await givenSegment(api.call, { minLifetimeValue: { amount: 2000, currency: 'EUR' }, boughtTicketTypeId: early.id }),
    };
    await api.bus.drain();
    await expectMembers(built.boughtEarly.id, [anaId]);
    await expectMembers(built.boughtRegular.id, [bobId]);
    await expectMembers(built.attended.id, [anaId]);
    await expectMembers(built.spent50.id, [bobId]);
    await expectMembers(built.spentAny.id, [anaId]);
  });
});
