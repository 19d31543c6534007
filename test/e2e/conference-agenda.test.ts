import { describe, expect, it } from 'vitest';
import { useTestApi } from '../support/local-api.ts';
import { hours } from '../support/sales-fixtures.ts';
import { givenConference } from '../support/conference-fixtures.ts';

const api = useTestApi();

describe('agenda: rooms, sessions, schedule releases, the public agenda', () => {
  it('releases versions with a changelog; the public agenda answers with ETag and Cache-Control, 304 on a match; iCalendar too', async () => {
    const { event } = await givenConference(api.call);
    const room = await api.call('POST', `/v1/events/${event.id}/rooms`, { body: { name: 'Hall A', capacity: 300 } });
    expect(room.status).toBe(201);
    const session = (body: Record<string, unknown>) => api.call('POST', `/v1/events/${event.id}/sessions`, { body: { roomId: room.body.id, ...body } });

    const outside = await session({ title: 'Too early', startsAt: hours(40), endsAt: hours(41) });
    expect([outside.status, outside.body.code]).toEqual([422, 'outside_event']);
    const keynote = (await session({ title: 'Keynote', startsAt: hours(49), endsAt: hours(50), state: 'scheduled', track: 'Main', level: 'all' })).body;
    const talk = (await session({ title: 'Serverless at scale', startsAt: hours(50), endsAt: hours(51), state: 'scheduled', capacity: 20 })).body;
    const draft = (await session({ title: 'Not yet', startsAt: hours(51), endsAt: hours(52) })).body;
    expect(talk.seats).toEqual({ capacity: 20, confirmed: 0, waiting: 0, attended: 0 });

    expect((await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null })).status).toBe(404);
    const v1 = await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: { comment: 'First release' } });
    expect(v1.status).toBe(201);
    expect(v1.body.version).toBe(1);
    expect(v1.body.changelog.map((c: { sessionId: string; change: string }) => [c.sessionId, c.change]).sort()).toEqual([[keynote.id, 'added'], [talk.id, 'added']].sort());

    const agenda = await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null });
    expect(agenda.status).toBe(200);
    expect(agenda.body.sessions.map((s: { id: string }) => s.id)).toEqual([keynote.id, talk.id]);
    expect(agenda.body.rooms).toEqual([{ id: room.body.id, name: 'Hall A' }]);
    const etag = agenda.headers.get('etag')!;
    expect(etag).toMatch(/^".+"$/);
    expect(agenda.headers.get('cache-control')).toContain('max-age=');
    const again = await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null, headers: { 'if-none-match': etag } });
    expect(again.status).toBe(304);
    expect(again.body).toBe('');

    // Move the talk, cancel the keynote, schedule the draft: the next release says so.
    const moved = await api.call('PATCH', `/v1/events/${event.id}/sessions/${talk.id}`, { body: { startsAt: hours(52), endsAt: hours(53) } });
    expect(moved.status).toBe(200);
    expect((await api.call('PATCH', `/v1/events/${event.id}/sessions/${keynote.id}`, { body: { state: 'canceled' } })).status).toBe(200);
    expect((await api.call('PATCH', `/v1/events/${event.id}/sessions/${draft.id}`, { body: { state: 'scheduled' } })).status).toBe(200);
    const back = await api.call('PATCH', `/v1/events/${event.id}/sessions/${keynote.id}`, { body: { state: 'scheduled' } });
    expect([back.status, back.body.code]).toEqual([409, 'invalid_state_change']);
    const v2 = await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: {} });
    expect(v2.body.version).toBe(2);
    const changes = Object.fromEntries(v2.body.changelog.map((c: { sessionId: string; change: string }) => [c.sessionId, c]));
    expect(changes[talk.id]).toMatchObject({ change: 'moved', from: { startsAt: talk.startsAt }, to: { startsAt: moved.body.startsAt } });
    expect(changes[keynote.id]).toMatchObject({ change: 'canceled' });
    expect(changes[draft.id]).toMatchObject({ change: 'added' });
    // Nothing else: an unchanged session read back from the stored release is not "changed".
    expect(v2.body.changelog).toHaveLength(3);

    const stale = await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null, headers: { 'if-none-match': etag } });
    expect(stale.status).toBe(200);
    expect(stale.headers.get('etag')).not.toBe(etag);
    expect(stale.body.version).toBe(2);
    const versions = await api.call('GET', `/v1/events/${event.id}/schedule-versions`);
    expect(versions.body.items.map((v: { version: number }) => v.version)).toEqual([1, 2]);

    const ics = await api.call('GET', `/v1/events/${event.id}/agenda.ics`, { role: null });
    expect(ics.status).toBe(200);
    expect(ics.headers.get('content-type')).toContain('text/calendar');
    expect(String(ics.body).match(/BEGIN:VEVENT/g)).toHaveLength(2);
    expect(String(ics.body)).toContain(`UID:${talk.id}@eventos`);
    expect(String(ics.body)).toContain('LOCATION:Hall A');
  });
});
