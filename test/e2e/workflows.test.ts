import { randomBytes } from 'node:crypto';
import { describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/workflow-runs-due.ts';
import { handler as triggerConsumer } from '#functions/consumers/workflows-trigger.ts';
import { resetStepCrashHook } from '#packages/features/workflows/test-crash-hook.ts';
import { mailFor } from '../support/campaign-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { advanceClock } from '../support/clock.ts';
import { givenEvent, givenVenue, hours } from '../support/fixtures.ts';
import { buyerEmail, givenPaidOrder, givenTicketType, publishEvent } from '../support/sales-fixtures.ts';
import { localTimeOn } from '#packages/features/workflows/local-time.ts';
import { until } from '../support/webhook-receiver.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
const drain = () => api.bus.drain();
const unique = () => `wf${randomBytes(5).toString('hex')}`;
const context = { awsRequestId: 'test', functionName: 'workflows-trigger', getRemainingTimeInMillis: () => 30_000 } as never;

async function givenWorkflow(definition: unknown, name = 'test workflow') {
  const res = await api.call('POST', '/v1/workflows', { body: { name, definition } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; currentVersion: number };
}

async function givenContact(tag: string, extra: Record<string, unknown> = {}) {
  const email = `${unique()}@example.com`;
  const res = await api.call('POST', '/v1/contacts', { body: { email, firstName: 'Ada', tags: [tag], ...extra } });
  expect(res.status).toBe(201);
  return { id: res.body.id as string, email };
}

const runsOf = async (workflowId: string) => (await api.call('GET', `/v1/workflows/${workflowId}/runs?limit=100`)).body.items as any[];

async function runDueJob(aheadMs: number) {
  const clock = advanceClock(aheadMs);
  try {
    await dueJob({}, {} as never);
  } finally {
    clock.restore();
  }
}

const mailCount = async (email: string) => (await mailFor(api.mailUrl, [email])).get(email.toLowerCase())!.length;

describe('workflows', () => {
  it('a wait fires from the due job and the email goes out once; runs show their steps and keep their version', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.created' },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      steps: [{ type: 'wait', seconds: 60 }, { type: 'send_email', subject: 'Hello {{contact.firstName}}', text: 'Hi {{contact.firstName}}' }],
    });
    const contact = await givenContact(tag);
    await drain();
    let [run] = await runsOf(wf.id);
    expect(run).toMatchObject({ status: 'waiting', version: 1, stepIndex: 1, contactId: contact.id });
    // A new version does not move the run under way.
    await api.call('POST', `/v1/workflows/${wf.id}/versions`, { body: { definition: { trigger: { type: 'manual' }, steps: [{ type: 'exit' }] } } });
    await runDueJob(30_000);
    expect((await runsOf(wf.id))[0].status).toBe('waiting');
    await runDueJob(61_000);
    [run] = await runsOf(wf.id);
    expect(run).toMatchObject({ status: 'completed', version: 1 });
    expect(run.steps.map((s: any) => [s.stepType, s.status])).toEqual([['wait', 'done'], ['send_email', 'done']]);
    const mail = await mailFor(api.mailUrl, [contact.email]);
    expect(mail.get(contact.email)!.map((m: any) => m.subject ?? m.content?.simple?.subject?.data)).toHaveLength(1);
  });

  it('a step runs once under a duplicated event and a worker crash right after its effect', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.created' },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      steps: [{ type: 'send_email', subject: 'Once', text: 'once' }, { type: 'update_contact', addTags: ['welcomed'] }],
    });
    process.env.WORKFLOW_TEST_CRASH_AFTER_STEP = wf.id;
    resetStepCrashHook();
    try {
      const contact = await givenContact(tag);
      await drain();
      const event = api.bus.recent.find((e) => e['detail-type'] === 'contact.created' && (e.detail as any).data.contactId === contact.id)!;
      await triggerConsumer(event, context);
      await triggerConsumer(event, context);
      await drain();
      const runs = await runsOf(wf.id);
      expect(runs).toHaveLength(1);
      expect(runs[0].status).toBe('completed');
      // The crash came after the email went out and before it was recorded: settled unknown, never resent.
      expect(runs[0].steps.map((s: any) => [s.stepType, s.status])).toEqual([['send_email', 'unknown'], ['update_contact', 'done']]);
      expect(await mailCount(contact.email)).toBe(1);
      expect((await api.call('GET', `/v1/contacts/${contact.id}`)).body.tags).toContain('welcomed');
    } finally {
      delete process.env.WORKFLOW_TEST_CRASH_AFTER_STEP;
    }
  });

  it('a workflow triggering itself stops past depth 5 and records it', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.updated', fields: ['tags'] },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      // Toggles a tag: every run changes the contact, whose contact.updated starts the next run.
      steps: [
        { type: 'branch', if: { path: 'contact.tags', op: 'contains', value: 'ping' }, goto: 3 },
        { type: 'update_contact', addTags: ['ping'] },
        { type: 'exit' },
        { type: 'update_contact', removeTags: ['ping'] },
      ],
      reEnrolment: { mode: 'always', cooldownHours: 0 },
    });
    const contact = await givenContact(tag);
    await drain();
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { tags: [tag, 'start'] } });
    await drain();
    const runs = await runsOf(wf.id);
    expect(runs.map((r) => r.depth).sort()).toEqual([0, 1, 2, 3, 4, 5]);
    expect(runs.find((r) => r.depth === 5)).toMatchObject({ status: 'depth_exceeded', steps: [] });
    expect(runs.filter((r) => r.status === 'depth_exceeded')).toHaveLength(1);
  });

  it('an update of fields the trigger does not watch starts nothing', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.updated', fields: ['firstName'] },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      steps: [{ type: 'update_contact', addTags: ['renamed'] }],
      reEnrolment: { mode: 'always', cooldownHours: 0 },
    });
    const contact = await givenContact(tag);
    await drain();
    expect((await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { lastName: 'Lovelace' } })).status).toBe(200);
    // The same first name again changes nothing either.
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { firstName: 'Ada' } });
    await drain();
    expect(await runsOf(wf.id)).toHaveLength(0);
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { firstName: 'Augusta' } });
    await drain();
    expect(await runsOf(wf.id)).toMatchObject([{ status: 'completed' }]);
  });

  it('reaching the goal ends a waiting run; nothing more is sent', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.created' },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      steps: [{ type: 'wait', seconds: 3600 }, { type: 'send_email', subject: 'Still interested?', text: 'nudge' }],
      goal: { path: 'contact.tags', op: 'contains', value: 'customer' },
    });
    const contact = await givenContact(tag);
    await drain();
    expect((await runsOf(wf.id))[0].status).toBe('waiting');
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { tags: [tag, 'customer'] } });
    await drain();
    expect((await runsOf(wf.id))[0]).toMatchObject({ status: 'goal_met' });
    await runDueJob(3_700_000);
    expect(await mailCount(contact.email)).toBe(0);
  });

  it('re-enrolment "never" starts a contact once; pause stops starts; manual start', async () => {
    const tag = unique();
    const wf = await givenWorkflow({
      trigger: { type: 'event', eventType: 'contact.updated', fields: ['firstName'] },
      conditions: { path: 'contact.tags', op: 'contains', value: tag },
      steps: [{ type: 'create_task', title: 'Call {{contact.firstName}}', assignedTo: 'u-owner', dueInHours: 2 }],
      reEnrolment: { mode: 'never' },
    });
    const contact = await givenContact(tag);
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { firstName: 'B' } });
    await drain();
    await api.call('PATCH', `/v1/contacts/${contact.id}`, { body: { firstName: 'C' } });
    await drain();
    const runs = await runsOf(wf.id);
    expect(runs).toHaveLength(1);
    expect(runs[0].steps[0]).toMatchObject({ stepType: 'create_task', status: 'done', result: expect.stringMatching(/^task /) });

    const other = await givenContact(tag);
    await api.call('POST', `/v1/workflows/${wf.id}/pause`);
    await api.call('PATCH', `/v1/contacts/${other.id}`, { body: { firstName: 'D' } });
    await drain();
    expect(await runsOf(wf.id)).toHaveLength(1);
    await api.call('POST', `/v1/workflows/${wf.id}/resume`);
    const manual = await api.call('POST', `/v1/workflows/${wf.id}/runs`, { body: { contactId: other.id } });
    expect(manual.status).toBe(201);
    expect(manual.body).toMatchObject({ status: 'completed', triggerType: 'manual' });
  });

  it('a template: order expired unpaid → reminder after the delay', async () => {
    const templates = (await api.call('GET', '/v1/workflow-templates')).body.items.map((t: any) => t.name);
    expect(templates).toEqual(['checked_in_thank_you', 'vip_purchase_task', 'expired_order_reminder', 'event_reminder']);
    const res = await api.call('POST', '/v1/workflows', { body: { name: 'expired reminder', template: 'expired_order_reminder', params: { delaySeconds: '3600' } } });
    expect(res.status).toBe(201);
    expect(res.body.definition.steps[0]).toEqual({ type: 'wait', seconds: 3600 });
  });

  it('templates end to end: a VIP ticket bought → a task; 3 days before the event at 10:00 local → a reminder to a first-time buyer', async () => {
    const vip = await api.call('POST', '/v1/workflows', { body: { name: 'VIP', template: 'vip_purchase_task', params: { accountManagerId: 'am-1' } } });
    const reminder = await api.call('POST', '/v1/workflows', { body: { name: 'Reminder', template: 'event_reminder' } });
    expect([vip.status, reminder.status]).toEqual([201, 201]);
    const venue = await givenVenue(api.call, { timezone: 'Europe/Madrid' });
    const startsAt = hours(24 * 10);
    const event = await givenEvent(api.call, { venueId: venue.id, startsAt, endsAt: hours(24 * 10 + 6) });
    const ga = await givenTicketType(api.call, event.id, { name: 'General admission' });
    const vipType = await givenTicketType(api.call, event.id, { name: 'VIP', price: { amount: 9000, currency: 'EUR' } });
    await publishEvent(api.call, event.id);

    // A buyer the CRM does not know yet (the purchase consumer makes the contact meanwhile).
    const email = buyerEmail('wfvip');
    await givenPaidOrder(api.call, event.id, [{ ticketTypeId: vipType.id, quantity: 1 }], { email });
    await givenPaidOrder(api.call, event.id, [{ ticketTypeId: ga.id, quantity: 1 }]);
    await drain();

    const vipRuns = await runsOf(vip.body.id);
    expect(vipRuns).toHaveLength(1);
    expect(vipRuns[0]).toMatchObject({ status: 'completed', steps: [{ stepType: 'create_task', status: 'done' }] });
    const tasks = (await api.call('GET', '/v1/tasks?assignedTo=am-1')).body.items;
    expect(tasks.map((t: any) => t.title)).toContain(`VIP order: call Test (${email})`);

    const reminders = await runsOf(reminder.body.id);
    expect(reminders).toHaveLength(2);
    const expected = new Date(localTimeOn(Date.parse(startsAt), -3, '10:00', 'Europe/Madrid')).toISOString();
    for (const run of reminders) expect(run).toMatchObject({ status: 'waiting', wakeAt: expected });
    await runDueJob(Date.parse(expected) - Date.now() + 1_000);
    await until(async () => (await runsOf(reminder.body.id)).every((r) => r.status === 'completed'), 'the reminders');
    const mail = await mailFor(api.mailUrl, [email], (m: any) => JSON.stringify(m).includes('See you soon'));
    expect(mail.get(email)).toHaveLength(1);
  });
});
