import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { givenLink, givenPromoter } from '../support/promoter-fixtures.ts';
import { buyerEmail, givenPublishedEvent, hours, tally } from '../support/sales-fixtures.ts';

const api = useTestApi();

describe('guest-list quota under concurrent sign-ups', () => {
  it('50 people sign up at once for 20 places: exactly 20 get in, the counter says 20', async () => {
    const event = await givenPublishedEvent(api.call);
    const list = await api.call('POST', `/v1/events/${event.id}/guest-lists`, { body: { name: 'Rush', tiers: [{ tierId: 'free', name: 'Free entry', quota: 20, deadline: hours(40) }] } });
    const { promoter } = await givenPromoter(api.call);
    const link = await givenLink(api.call, promoter.id, event.id, { guestListId: list.body.id, tierId: 'free' });

    const answers = await Promise.all(
      Array.from({ length: 50 }, (_, i) => api.call('POST', `/v1/promoter-links/${link.slug}/guests`, { role: null, body: { name: `Guest ${i}`, email: buyerEmail(`rush${i}`) } })),
    );
    expect(tally(answers)).toEqual({ '201': 20, '409 guest_list_full': 30 });

    const guests = await api.call('GET', `/v1/guest-lists/${list.body.id}/guests?limit=100`);
    expect(guests.body.items).toHaveLength(20);
    const lists = await api.call('GET', `/v1/events/${event.id}/guest-lists`);
    expect(lists.body.items[0].tiers[0]).toMatchObject({ quota: 20, taken: 20 });
  });
});
