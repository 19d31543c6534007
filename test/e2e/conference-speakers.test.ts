import { SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { describe, expect, it } from 'vitest';
import { handler as mailSpeakerInvitation } from '#functions/consumers/mail-speaker-invitation.ts';
import { useTestApi } from '../support/local-api.ts';
import { buyerEmail, emailsTo, hours } from '../support/sales-fixtures.ts';
import { givenConference, givenTickets, linkToken } from '../support/conference-fixtures.ts';

const api = useTestApi();

const asSpeaker = (method: string, link: string, path = '', body?: Record<string, unknown>) =>
  api.call(method, `/v1/speaker-links/${link}${path}`, { role: null, ...(body ? { body } : {}) });

describe('speakers', () => {
  it('invited once by email, confirm and edit through their link, appear in the public agenda only with consent, see only their own sessions’ feedback', async () => {
    const { event, type } = await givenConference(api.call);
    const talk = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Talk', state: 'scheduled', startsAt: hours(49), endsAt: hours(50) } })).body;
    const other = (await api.call('POST', `/v1/events/${event.id}/sessions`, { body: { title: 'Other', state: 'scheduled', startsAt: hours(50), endsAt: hours(51) } })).body;

    // Invited twice (a retried request): one speaker, their contact, one invitation mail.
    const kimEmail = buyerEmail('speaker');
    const invite = { email: kimEmail, firstName: 'Kim', lastName: 'Park', tagline: 'Serverless at scale' };
    const first = await api.call('POST', `/v1/events/${event.id}/speakers`, { body: invite });
    expect(first.status).toBe(201);
    expect(first.body).toMatchObject({ name: 'Kim Park', status: 'invited', consentToPublish: false, contactId: first.body.id });
    const again = await api.call('POST', `/v1/events/${event.id}/speakers`, { body: { ...invite, tagline: 'Overwritten?' } });
    expect([again.status, again.body.id, again.body.tagline]).toEqual([200, first.body.id, 'Serverless at scale']);
    expect((await api.call('GET', `/v1/contacts/${first.body.id}`)).status).toBe(200);
    await api.bus.drain();
    const mails = (await emailsTo(api.mailUrl, kimEmail)).filter((m) => m.subject.startsWith('You are invited to speak'));
    expect(mails).toHaveLength(1);
    const kim = first.body.id as string;

    const lee = (await api.call('POST', `/v1/events/${event.id}/speakers`, { body: { email: buyerEmail('speaker'), firstName: 'Lee' } })).body.id as string;
    const assigned = await api.call('PUT', `/v1/events/${event.id}/speakers/${kim}/sessions/${talk.id}`, { body: { abstract: 'Why and how', avNeeds: 'HDMI, lapel mic' } });
    expect(assigned.body.sessions).toEqual([{ sessionId: talk.id, title: 'Talk', abstract: 'Why and how', avNeeds: 'HDMI, lapel mic' }]);
    expect((await api.call('PUT', `/v1/events/${event.id}/speakers/${lee}/sessions/${other.id}`, { body: {} })).status).toBe(200);
    expect((await api.call('PUT', `/v1/events/${event.id}/speakers/${lee}/sessions/01ARZ3NDEKTSV4RRFFQ69G5FAV`, { body: {} })).status).toBe(404);

    // Kim's link (the one mailed), confirm and edit.
    const link = (await api.call('GET', `/v1/events/${event.id}/speakers/${kim}/link`)).body.token as string;
    expect(JSON.stringify(mails[0])).toContain(link);
    expect((await asSpeaker('GET', link)).body).toMatchObject({ id: kim, status: 'invited' });
    const confirmed = await asSpeaker('POST', link, '/confirm');
    expect(confirmed.body).toMatchObject({ status: 'confirmed' });
    expect((await asSpeaker('POST', link, '/confirm')).body.confirmedAt).toBe(confirmed.body.confirmedAt);
    const edited = await asSpeaker('PATCH', link, '', { bio: 'Builds things', expertise: ['AWS', 'DynamoDB'], links: ['https://kim.example'], headshotUrl: 'https://kim.example/me.jpg' });
    expect(edited.body).toMatchObject({ bio: 'Builds things', expertise: ['AWS', 'DynamoDB'], consentToPublish: false });
    expect((await asSpeaker('PATCH', link, '', { links: ['javascript:alert(1)'] })).status).toBe(400);

    // No consent: not in the public agenda; with consent: Kim and her session, without her email.
    await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: {} });
    const before = (await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null })).body;
    expect(before.speakers).toEqual([]);
    expect(JSON.stringify(before)).not.toContain(kim);
    await asSpeaker('PATCH', link, '', { consentToPublish: true });
    await api.call('POST', `/v1/events/${event.id}/schedule-versions`, { body: {} });
    const after = (await api.call('GET', `/v1/events/${event.id}/agenda`, { role: null })).body;
    expect(after.speakers).toEqual([
      { id: kim, name: 'Kim Park', tagline: 'Serverless at scale', bio: 'Builds things', expertise: ['AWS', 'DynamoDB'], links: ['https://kim.example'], headshotUrl: 'https://kim.example/me.jpg', sessionIds: [talk.id] },
    ]);
    expect(after.sessions.find((s: { id: string }) => s.id === talk.id).speakerIds).toEqual([kim]);
    expect(after.sessions.find((s: { id: string }) => s.id === other.id).speakerIds).toEqual([]);
    expect(JSON.stringify(after)).not.toContain(kimEmail);

    // Feedback: Kim sees her session's figures and comments, nobody's identity; never another speaker's session.
    const { tickets } = await givenTickets(api.call, event.id, type.id, 2);
    for (const [i, target] of [[0, talk.id], [1, other.id]] as const) {
      const t = linkToken('feedback', { t: tickets[i]!.id, e: event.id, g: target });
      expect((await api.call('PUT', `/v1/feedback/${t}`, { role: null, body: { rating: 5 - i, comment: `Comment ${i}` } })).status).toBe(200);
    }
    const own = await asSpeaker('GET', link, `/sessions/${talk.id}/feedback`);
    expect(own.status).toBe(200);
    expect(own.body).toMatchObject({ sessionId: talk.id, figures: { responses: 1, ratingAverage: 5 }, comments: [{ rating: 5, comment: 'Comment 0' }] });
    for (const secret of [tickets[0]!.id, tickets[0]!.code]) expect(JSON.stringify(own.body)).not.toContain(secret);
    const foreign = await asSpeaker('GET', link, `/sessions/${other.id}/feedback`);
    expect(foreign.status).toBe(404);
    expect(JSON.stringify(foreign.body)).not.toContain('Comment 1');
    // Taken off the session, Kim no longer sees it; a forged or other-kind link is refused.
    await api.call('DELETE', `/v1/events/${event.id}/speakers/${kim}/sessions/${talk.id}`);
    expect((await asSpeaker('GET', link, `/sessions/${talk.id}/feedback`)).status).toBe(404);
    expect((await asSpeaker('GET', linkToken('attendee', { e: event.id, s: kim }), `/sessions/${talk.id}/feedback`)).status).toBe(404);
    const expired = await asSpeaker('GET', linkToken('speaker', { e: event.id, s: kim }, new Date(Date.now() - 1000)));
    expect([expired.status, expired.body.code]).toEqual([422, 'link_expired']);

    const list = (await api.call('GET', `/v1/events/${event.id}/speakers`)).body.items;
    expect(list.map((s: { id: string }) => s.id).sort()).toEqual([kim, lee].sort());
  }, 60_000);

  it('the invitation is mailed by the consumer of speaker.invited: a duplicated event mails once, a refused send is retried by the redelivery', async () => {
    const { event } = await givenConference(api.call);
    const ses = mockClient(SESv2Client);
    try {
      const email = buyerEmail('speaker');
      const attempts: string[] = [];
      const accepted: string[] = [];
      ses.on(SendEmailCommand).callsFake((input: SendEmailCommandInput) => {
        const to = input.Destination!.ToAddresses![0]!;
        attempts.push(to);
        // SES fails the first attempt for this speaker (a 500: nothing sent).
        if (to === email && attempts.filter((a) => a === email).length === 1) {
          throw Object.assign(new Error('Internal failure'), { name: 'InternalFailure', $fault: 'server', $metadata: { httpStatusCode: 500 } });
        }
        accepted.push(to);
        return { MessageId: `mock-${attempts.length}` };
      });
      const invited = await api.call('POST', `/v1/events/${event.id}/speakers`, { body: { email, firstName: 'Ada' } });
      expect(invited.status).toBe(201);
      await api.bus.drain();
      expect(attempts.filter((a) => a === email)).toHaveLength(2);
      expect(accepted.filter((a) => a === email)).toHaveLength(1);

      // The same event delivered again, twice at once and under another delivery id: no second mail.
      const event1 = api.bus.recent.find((e) => e['detail-type'] === 'speaker.invited' && (e.detail as { data: { email: string } }).data.email === email)!;
      expect(event1).toBeDefined();
      await Promise.all([mailSpeakerInvitation(event1 as never, {} as never), mailSpeakerInvitation(event1 as never, {} as never)]);
      await mailSpeakerInvitation({ ...event1, id: 'another-delivery' } as never, {} as never);
      // And invited again (a retried request): the same speaker, the event again, still one mail.
      expect((await api.call('POST', `/v1/events/${event.id}/speakers`, { body: { email, firstName: 'Ada' } })).status).toBe(200);
      await api.bus.drain();
      expect(accepted.filter((a) => a === email)).toHaveLength(1);
      const link = (await api.call('GET', `/v1/events/${event.id}/speakers/${invited.body.id}/link`)).body.token as string;
      const mailed = ses.commandCalls(SendEmailCommand).map((c) => c.args[0].input).filter((i) => i.Destination?.ToAddresses?.[0] === email);
      expect(JSON.stringify(mailed.at(-1))).toContain(link);
    } finally {
      ses.restore();
    }
  }, 60_000);
});
