import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/webhook-deliveries-due.ts';
import { mailFor } from '../support/campaign-fixtures.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { startWebhookReceiver, until } from '../support/webhook-receiver.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver?.stop());

const unique = () => randomBytes(5).toString('hex');

async function givenUser(roleId: string) {
  const name = `u${unique()}`;
  const res = await api.call('POST', '/v1/users', { body: { username: name, email: `${name}@staff.example`, roleId } });
  expect(res.status, JSON.stringify(res.body)).toBe(201);
  return res.body as { id: string; email: string };
}

async function runDueJob(aheadMs: number) {
  const clock = advanceClock(aheadMs);
  try {
    await dueJob({}, {} as never);
  } finally {
    clock.restore();
  }
}

const subjectOf = (m: any): string => m.subject ?? m.content?.simple?.subject?.data ?? '';

/** The alert mails each address got about this endpoint URL, by kind. */
async function alertsFor(emails: string[], url: string) {
  const mail = await mailFor(api.mailUrl, emails, (m) => subjectOf(m).includes(url));
  return emails.map((e) => {
    const got = mail.get(e.toLowerCase())!.map(subjectOf);
    return { failing: got.filter((s) => s.startsWith('Webhook endpoint failing')).length, disabled: got.filter((s) => s.startsWith('Webhook endpoint disabled')).length };
  });
}

describe('webhooks: the admins are mailed at 24 h of failures and when the endpoint is disabled', () => {
  it('each mail goes once to every active admin, and to nobody else', async () => {
    const admins = [await givenUser('admin'), await givenUser('admin')];
    const sales = await givenUser('sales');
    const retired = await givenUser('admin');
    expect((await api.call('PATCH', `/v1/users/${retired.id}`, { body: { status: 'disabled' } })).status).toBe(200);
    const everyone = [...admins, sales, retired].map((u) => u.email);

    const path = `/hook/${unique()}`;
    receiver.script(path, () => ({ status: 500 }));
    const url = receiver.url(path);
    const endpoint = await api.call('POST', '/v1/webhook-endpoints', { body: { url, eventTypes: ['contact.created'], description: 'alerts' } });
    expect(endpoint.status).toBe(201);
    await api.call('POST', '/v1/contacts', { body: { email: `al${unique()}@example.com` } });
    await api.bus.drain();
    await until(() => receiver.got(path).length >= 1, 'the first attempt');

    // Failing, but not for 24 h yet: nobody is mailed.
    await runDueJob(3 * 3600_000);
    expect(await alertsFor(everyone, url)).toEqual(everyone.map(() => ({ failing: 0, disabled: 0 })));

    // Past 24 h: one mail — also after more failed attempts.
    await runDueJob(25 * 3600_000);
    await runDueJob(26 * 3600_000);
    await runDueJob(40 * 3600_000);
    expect(await alertsFor(everyone, url)).toEqual([{ failing: 1, disabled: 0 }, { failing: 1, disabled: 0 }, { failing: 0, disabled: 0 }, { failing: 0, disabled: 0 }]);

    // Past 5 days: disabled, one mail, and nothing more after.
    await runDueJob(5 * 24 * 3600_000 + 3600_000);
    await runDueJob(5 * 24 * 3600_000 + 2 * 3600_000);
    expect((await api.call('GET', `/v1/webhook-endpoints/${endpoint.body.id}`)).body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    expect(await alertsFor(everyone, url)).toEqual([{ failing: 1, disabled: 1 }, { failing: 1, disabled: 1 }, { failing: 0, disabled: 0 }, { failing: 0, disabled: 0 }]);
  });
});
