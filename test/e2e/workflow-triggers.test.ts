import { describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/workflow-runs-due.ts';
import { handler as refreshConsumer } from '#functions/consumers/segments-refresh-contact.ts';
import { givenSentCampaign, oneClick, sesEvent } from '../support/campaign-tracking-fixtures.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { givenContact, givenSegment, uniqueTag } from '../support/segment-fixtures.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
const drain = () => api.bus.drain();
const context = { awsRequestId: 'test', functionName: 'segments-refresh-contact', getRemainingTimeInMillis: () => 30_000 } as never;

async function givenWorkflow(definition: unknown) {
  const res = await api.call('POST', '/v1/workflows', { body: { name: 'trigger test', definition } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; nextFireAt?: string };
}

const runsOf = async (workflowId: string) => (await api.call('GET', `/v1/workflows/${workflowId}/runs?limit=100`)).body.items as any[];
const eventsOf = (type: string, contactId: string) => api.bus.recent.filter((e) => e['detail-type'] === type && (e.detail as any).data.contactId === contactId);

describe('workflow triggers', () => {
  it('entering and leaving a segment start the segment workflows once each, also when the membership is re-evaluated', async () => {
    const tag = uniqueTag('seg');
    const segment = await givenSegment(api.call, { tag });
    await drain();
    const onEnter = await givenWorkflow({ trigger: { type: 'segment', segmentId: segment.id, on: 'entered' }, steps: [{ type: 'update_contact', addTags: ['entered'] }] });
    const onLeave = await givenWorkflow({ trigger: { type: 'segment', segmentId: segment.id, on: 'left' }, steps: [{ type: 'exit' }] });
    const contact = await givenContact(api.call, { tags: [tag] });
    await drain();
    expect(eventsOf('segment.entered', contact.id).map((e) => (e.detail as any).data)).toEqual([{ segmentId: segment.id, contactId: contact.id }]);
    expect(await runsOf(onEnter.id)).toMatchObject([{ contactId: contact.id, status: 'completed', triggerType: 'segment.entered' }]);
    expect(await runsOf(onLeave.id)).toEqual([]);

    // The workflow's own tag change re-evaluates the membership (contact.updated): still a member, nothing emitted again.
    const created = api.bus.recent.find((e) => e['detail-type'] === 'contact.created' && (e.detail as any).data.contactId === contact.id)!;
    await refreshConsumer(created, context);
    await drain();
    expect(eventsOf('segment.entered', contact.id)).toHaveLength(1);
    expect(await runsOf(onEnter.id)).toHaveLength(1);

    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { tags: ['other'] } });
    await drain();
    expect(eventsOf('segment.left', contact.id)).toHaveLength(1);
    expect(await runsOf(onLeave.id)).toMatchObject([{ contactId: contact.id, status: 'exited', triggerType: 'segment.left' }]);
    expect(await runsOf(onEnter.id)).toHaveLength(1);
  });

  it('a new segment’s first build announces nothing; a filter change announces who enters and who leaves', async () => {
    const [a, b] = [uniqueTag('first'), uniqueTag('second')];
    const early = await givenContact(api.call, { tags: [a] });
    const other = await givenContact(api.call, { tags: [b] });
    await drain();
    const segment = await givenSegment(api.call, { tag: a });
    await drain();
    expect((await api.call('GET', `/v1/segments/${segment.id}/count`)).body.count).toBe(1);
    expect(eventsOf('segment.entered', early.id)).toEqual([]);
    expect((await api.call('PATCH', `/v1/segments/${segment.id}`, { body: { filter: { tag: b } } })).status).toBe(200);
    await drain();
    expect(eventsOf('segment.left', early.id).map((e) => (e.detail as any).data)).toEqual([{ segmentId: segment.id, contactId: early.id }]);
    expect(eventsOf('segment.entered', other.id).map((e) => (e.detail as any).data)).toEqual([{ segmentId: segment.id, contactId: other.id }]);
  });

  it('a segment trigger ignores other segments', async () => {
    const [a, b] = [uniqueTag('a'), uniqueTag('b')];
    const segA = await givenSegment(api.call, { tag: a });
    await givenSegment(api.call, { tag: b });
    await drain();
    const wf = await givenWorkflow({ trigger: { type: 'segment', segmentId: segA.id, on: 'entered' }, steps: [{ type: 'exit' }] });
    await givenContact(api.call, { tags: [b] });
    await drain();
    expect(await runsOf(wf.id)).toEqual([]);
  });

  it('campaign engagement: opened, clicked, bounced and unsubscribed start their workflows, once per recipient, and only for the chosen campaign', async () => {
    const { campaignId, recipients } = await givenSentCampaign(api.call, 2);
    const other = await givenSentCampaign(api.call, 1);
    const wf = Object.fromEntries(
      await Promise.all(
        (['opened', 'clicked', 'bounced', 'unsubscribed'] as const).map(async (engagement) => [
          engagement,
          await givenWorkflow({ trigger: { type: 'campaign', engagement, campaignId }, steps: [{ type: 'exit' }], reEnrolment: { mode: 'always', cooldownHours: 0 } }),
        ]),
      ),
    );
    const [r1, r2] = recipients;
    await sesEvent(api.call, r1!.messageId, 'Open');
    await sesEvent(api.call, r1!.messageId, 'Open');
    await sesEvent(api.call, r1!.messageId, 'Click', { link: 'https://example.com/tickets' });
    await sesEvent(api.call, r2!.messageId, 'Bounce', { bounceType: 'Permanent' });
    await sesEvent(api.call, other.recipients[0]!.messageId, 'Open');
    expect((await oneClick(api.call, r1!.unsubscribeToken)).status).toBe(200);
    expect((await oneClick(api.call, r1!.unsubscribeToken)).status).toBe(200);
    await drain();
    const contactsOf = async (id: string) => (await runsOf(id)).map((r) => r.contactId);
    expect(await contactsOf(wf.opened!.id)).toEqual([r1!.contactId]);
    expect(await contactsOf(wf.clicked!.id)).toEqual([r1!.contactId]);
    expect(await contactsOf(wf.bounced!.id)).toEqual([r2!.contactId]);
    expect(await contactsOf(wf.unsubscribed!.id)).toEqual([r1!.contactId]);
    const clicked = eventsOf('campaign.clicked', r1!.contactId);
    expect(clicked.map((e) => (e.detail as any).data)).toMatchObject([{ campaignId, link: 'https://example.com/tickets' }]);
  });

  it('a schedule enrols the segment’s members at each occurrence (Mondays 09:00 Berlin), once per occurrence', async () => {
    const tag = uniqueTag('sched');
    const segment = await givenSegment(api.call, { tag });
    const members = [await givenContact(api.call, { tags: [tag] }), await givenContact(api.call, { tags: [tag] })];
    await givenContact(api.call, { tags: ['not-in-it'] });
    await drain();
    const bad = await api.call('POST', '/v1/workflows', {
      body: { name: 'x', definition: { trigger: { type: 'schedule', at: '09:00', timezone: 'Mars/Olympus', segmentId: segment.id }, steps: [{ type: 'exit' }] } },
    });
    expect(bad.status).toBe(400);
    const wf = await givenWorkflow({
      trigger: { type: 'schedule', days: ['mon'], at: '09:00', timezone: 'Europe/Berlin', segmentId: segment.id },
      steps: [{ type: 'update_contact', addTags: ['weekly'] }],
      reEnrolment: { mode: 'always', cooldownHours: 0 },
    });
    const first = Date.parse(wf.nextFireAt!);
    expect(new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', hour: '2-digit', minute: '2-digit' }).format(first)).toBe('Mon 09:00');
    expect(first - Date.now()).toBeLessThanOrEqual(7 * 86_400_000);

    // Before its time nothing starts.
    await dueJob({}, {} as never);
    expect(await runsOf(wf.id)).toEqual([]);

    const fireAt = async (at: number) => {
      const clock = advanceClock(at - Date.now());
      try {
        await dueJob({}, {} as never);
      } finally {
        clock.restore();
      }
    };
    // One member a run (pages of 1): the occurrence goes on from its cursor the next minute, then moves on.
    process.env.WORKFLOW_SCHEDULE_PAGE = '1';
    process.env.WORKFLOW_SCHEDULE_PAGES_PER_RUN = '1';
    try {
      await fireAt(first + 1_000);
      expect(await runsOf(wf.id)).toHaveLength(1);
      expect((await api.call('GET', `/v1/workflows/${wf.id}`)).body.nextFireAt).toBe(wf.nextFireAt);
      await fireAt(first + 61_000);
      await fireAt(first + 62_000);
    } finally {
      delete process.env.WORKFLOW_SCHEDULE_PAGE;
      delete process.env.WORKFLOW_SCHEDULE_PAGES_PER_RUN;
    }
    await fireAt(first + 63_000);
    await drain();
    let runs = await runsOf(wf.id);
    expect(runs.map((r) => r.contactId).sort()).toEqual(members.map((m) => m.id).sort());
    expect(runs.every((r) => r.status === 'completed' && r.triggerType === 'schedule')).toBe(true);
    const next = Date.parse((await api.call('GET', `/v1/workflows/${wf.id}`)).body.nextFireAt);
    // Moved on by a week (± an hour across a DST change).
    expect(Math.abs(next - first - 7 * 86_400_000)).toBeLessThanOrEqual(3600_000);

    await fireAt(next + 1_000);
    runs = await runsOf(wf.id);
    expect(runs).toHaveLength(4);
  });
});
