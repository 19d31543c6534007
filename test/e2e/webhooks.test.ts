import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { Webhook } from 'standardwebhooks';
import { handler as dueJob } from '#functions/jobs/webhook-deliveries-due.ts';
import { handler as fanOutConsumer } from '#functions/consumers/webhooks-fan-out.ts';
import { resetSendCrashHook } from '#packages/features/webhooks/test-crash-hook.ts';
import { useTestApi } from '../support/local-api.ts';
import { advanceClock } from '../support/clock.ts';
import { startWebhookReceiver, until } from '../support/webhook-receiver.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
beforeAll(async () => {
  receiver = await startWebhookReceiver();
});
afterAll(() => receiver?.stop());

const uniquePath = () => `/hook/${randomBytes(6).toString('hex')}`;

async function givenEndpoint(path: string, eventTypes: string[] = ['contact.created']) {
  const res = await api.call('POST', '/v1/webhook-endpoints', { body: { url: receiver.url(path), eventTypes, description: 'test' } });
  expect(res.status).toBe(201);
  return res.body as { id: string; secret: string; status: string };
}

async function createContact(): Promise<string> {
  const res = await api.call('POST', '/v1/contacts', { body: { email: `wh-${randomBytes(5).toString('hex')}@example.com` } });
  expect(res.status).toBe(201);
  return res.body.id;
}

const headersOf = (h: Record<string, unknown>) => Object.fromEntries(Object.entries(h).map(([k, v]) => [k, String(v)]));

async function runDueJob(aheadMs: number) {
  const clock = advanceClock(aheadMs);
  try {
    await dueJob({}, {} as never);
  } finally {
    clock.restore();
  }
}

describe('webhooks: signed deliveries', () => {
  it('a domain event reaches the endpoint signed per Standard Webhooks; the secret is shown once', async () => {
    const path = uniquePath();
    const endpoint = await givenEndpoint(path);
    expect(endpoint.secret).toMatch(/^whsec_/);
    expect((await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body).not.toHaveProperty('secret');

    const contactId = await createContact();
    await api.bus.drain();
    const [delivery] = await until(() => receiver.got(path).length > 0 && receiver.got(path), 'a delivery');
    const payload = new Webhook(endpoint.secret).verify(delivery!.body, headersOf(delivery!.headers)) as { type: string; data: { contactId: string } };
    expect(payload.type).toBe('contact.created');
    expect(payload.data.contactId).toBe(contactId);
    // Another secret does not verify it.
    expect(() => new Webhook(`whsec_${randomBytes(24).toString('base64')}`).verify(delivery!.body, headersOf(delivery!.headers))).toThrow();

    const messages = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/messages`)).body.items;
    expect(messages).toMatchObject([{ messageId: delivery!.headers['webhook-id'], status: 'delivered', attempts: 1 }]);
  });

  it('the same event delivered twice to the consumer makes one message and one send', async () => {
    const path = uniquePath();
    await givenEndpoint(path);
    const contactId = await createContact();
    await api.bus.drain();
    await until(() => receiver.got(path).length === 1, 'the first delivery');
    const event = api.bus.recent.find((e) => e['detail-type'] === 'contact.created' && (e.detail as { data: { contactId: string } }).data.contactId === contactId)!;
    await fanOutConsumer(event, { awsRequestId: 'dup', functionName: 'webhooks-fan-out', getRemainingTimeInMillis: () => 30_000 } as never);
    await fanOutConsumer(event, { awsRequestId: 'dup2', functionName: 'webhooks-fan-out', getRemainingTimeInMillis: () => 30_000 } as never);
    await runDueJob(60_000);
    expect(receiver.got(path)).toHaveLength(1);
  });

  it('a failed attempt is retried on schedule with the same webhook-id and a fresh signature', async () => {
    const path = uniquePath();
    receiver.script(path, (n) => (n === 1 ? { status: 500, body: 'x'.repeat(10_000) } : { status: 200 }));
    const endpoint = await givenEndpoint(path);
    await createContact();
    await api.bus.drain();
    await until(() => receiver.got(path).length === 1, 'the failed first attempt');
    // 5 s (±10 %) later it is due again; the due job sends it.
    await runDueJob(6_000);
    const [first, second] = await until(() => receiver.got(path).length === 2 && receiver.got(path), 'the retry');
    expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
    new Webhook(endpoint.secret).verify(second!.body, headersOf(second!.headers));
    expect(second!.body).toBe(first!.body);

    const attempts = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/attempts?limit=1`)).body;
    expect(attempts.items).toMatchObject([{ outcome: 'delivered', statusCode: 200, attempt: 2 }]);
    expect(attempts.nextCursor).toBeTruthy();
    const older = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/attempts?limit=1&cursor=${attempts.nextCursor}`)).body;
    expect(older.items).toMatchObject([{ outcome: 'failed', statusCode: 500, attempt: 1 }]);
    // Only the first 4 KB of an answer are kept.
    expect(older.items[0].responseBody).toHaveLength(4096);
  });

  it('429 with Retry-After waits as long as asked', async () => {
    const path = uniquePath();
    receiver.script(path, (n) => (n === 1 ? { status: 429, headers: { 'retry-after': '120' } } : { status: 200 }));
    const endpoint = await givenEndpoint(path);
    await createContact();
    await api.bus.drain();
    await until(() => receiver.got(path).length === 1, 'the first attempt');
    const [message] = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/messages`)).body.items;
    const wait = Date.parse(message.nextAttemptAt) - Date.parse(message.createdAt);
    expect(wait).toBeGreaterThanOrEqual(119_000);
    await runDueJob(60_000);
    expect(receiver.got(path)).toHaveLength(1);
    await runDueJob(125_000);
    expect(receiver.got(path)).toHaveLength(2);
  });

  it('a 410 disables the endpoint at once (reason gone) and nothing more is sent to it', async () => {
    const path = uniquePath();
    receiver.script(path, () => ({ status: 410 }));
    const endpoint = await givenEndpoint(path);
    await createContact();
    await api.bus.drain();
    const disabled = await until(async () => {
      const body = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body;
      return body.status === 'disabled' && body;
    }, 'the endpoint disabled');
    expect(disabled.disabledReason).toBe('gone');
    await createContact();
    await api.bus.drain();
    await runDueJob(3_600_000);
    expect(receiver.got(path)).toHaveLength(1);
  });

  it('an endpoint failing for 5 days in a row is disabled (failing); a success before then resets the clock', async () => {
    const path = uniquePath();
    receiver.script(path, () => ({ status: 500 }));
    const endpoint = await givenEndpoint(path);
    await createContact();
    await api.bus.drain();
    await until(() => receiver.got(path).length === 1, 'the first attempt');
    const failing = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body;
    expect(failing).toMatchObject({ status: 'enabled', failingSince: expect.any(String) });
    await runDueJob(25 * 3600_000);
    expect((await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body.status).toBe('enabled');
    await runDueJob(5 * 24 * 3600_000 + 3600_000);
    expect((await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}`)).body).toMatchObject({ status: 'disabled', disabledReason: 'failing' });
    // Re-enabled by hand, the failure clock starts over.
    const enabled = await api.call('PATCH', `/v1/webhook-endpoints/${endpoint.id}`, { body: { status: 'enabled' } });
    expect(enabled.body).toMatchObject({ status: 'enabled' });
    expect(enabled.body).not.toHaveProperty('failingSince');
  });

  it('a redirect is not followed: it is a failed attempt', async () => {
    const path = uniquePath();
    const elsewhere = uniquePath();
    receiver.script(path, () => ({ status: 302, headers: { location: receiver.url(elsewhere) } }));
    const endpoint = await givenEndpoint(path);
    const res = await api.call('POST', `/v1/webhook-endpoints/${endpoint.id}/test`);
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ eventType: 'webhook.test', status: 'pending', attempts: 1, lastStatusCode: 302 });
    expect(receiver.got(path)).toHaveLength(1);
    expect(receiver.got(elsewhere)).toHaveLength(0);
  });

  it.each(['https://169.254.169.254/latest/meta-data/', 'https://10.0.0.7/hook', 'https://192.168.1.20/hook', 'http://[fe80::1]/hook'])(
    'refuses to send to %s (metadata, private, link-local)',
    async (url) => {
      const created = await api.call('POST', '/v1/webhook-endpoints', { body: { url, eventTypes: ['*'] } });
      expect(created.status).toBe(201);
      const res = await api.call('POST', `/v1/webhook-endpoints/${created.body.id}/test`);
      expect(res.body.status).toBe('pending');
      const [attempt] = (await api.call('GET', `/v1/webhook-endpoints/${created.body.id}/attempts`)).body.items;
      expect(attempt).toMatchObject({ outcome: 'refused' });
      expect(attempt.error).toMatch(/not allowed/);
      await api.call('DELETE', `/v1/webhook-endpoints/${created.body.id}`);
    },
  );

  it('a URL that is not https is refused when the endpoint is saved (outside the local runner)', async () => {
    const saved = process.env.WEBHOOKS_ALLOW_LOOPBACK;
    process.env.WEBHOOKS_ALLOW_LOOPBACK = '0';
    try {
      const res = await api.call('POST', '/v1/webhook-endpoints', { body: { url: receiver.url('/plain'), eventTypes: ['*'] } });
      expect(res.status).toBe(400);
      expect(res.body.code).toBe('webhook_url_not_allowed');
    } finally {
      process.env.WEBHOOKS_ALLOW_LOOPBACK = saved;
    }
  });

  it('a worker that crashes after sending, before recording, is redelivered (same webhook-id) when its lease runs out', async () => {
    const path = uniquePath();
    const endpoint = await givenEndpoint(path);
    Object.assign(process.env, { WEBHOOKS_TEST_CRASH_AFTER_SEND: endpoint.id, WEBHOOKS_LEASE_SECONDS: '2' });
    resetSendCrashHook();
    try {
      await createContact();
      await api.bus.drain();
      expect(receiver.got(path)).toHaveLength(1);
      let [message] = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/messages`)).body.items;
      expect(message.status).toBe('pending');
      await runDueJob(3_000);
      await until(() => receiver.got(path).length === 2, 'the redelivery');
      const [first, second] = receiver.got(path);
      expect(second!.headers['webhook-id']).toBe(first!.headers['webhook-id']);
      [message] = (await api.call('GET', `/v1/webhook-endpoints/${endpoint.id}/messages`)).body.items;
      expect(message).toMatchObject({ status: 'delivered', attempts: 2 });
    } finally {
      delete process.env.WEBHOOKS_TEST_CRASH_AFTER_SEND;
      delete process.env.WEBHOOKS_LEASE_SECONDS;
    }
  });

  it('after a rotation both secrets sign for 24 h; replay resends the same message', async () => {
    const path = uniquePath();
    const endpoint = await givenEndpoint(path);
    const rotated = await api.call('POST', `/v1/webhook-endpoints/${endpoint.id}/rotate-secret`);
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(endpoint.secret);
    await createContact();
    await api.bus.drain();
    const [delivery] = await until(() => receiver.got(path).length === 1 && receiver.got(path), 'a delivery');
    expect(String(delivery!.headers['webhook-signature']).split(' ')).toHaveLength(2);
    new Webhook(endpoint.secret).verify(delivery!.body, headersOf(delivery!.headers));
    new Webhook(rotated.body.secret).verify(delivery!.body, headersOf(delivery!.headers));

    const messageId = String(delivery!.headers['webhook-id']);
    const replayed = await api.call('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, { body: { messageId } });
    expect(replayed).toMatchObject({ status: 202, body: { replayed: 1 } });
    await until(() => receiver.got(path).length === 2, 'the replay');
    expect(receiver.got(path)[1]!.headers['webhook-id']).toBe(messageId);

    const range = await api.call('POST', `/v1/webhook-endpoints/${endpoint.id}/replay`, { body: { since: new Date(Date.now() - 3600_000).toISOString() } });
    expect(range.body.replayed).toBe(1);
    await runDueJob(0);
    await until(() => receiver.got(path).length === 3, 'the range replay');
  });

  it('the local inbox receives and verifies deliveries', async () => {
    const created = await api.call('POST', '/v1/webhook-endpoints', { body: { url: `${api.apiUrl}/dev/webhook-inbox?status=200`, eventTypes: ['*'] } });
    const res = await api.call('POST', `/v1/webhook-endpoints/${created.body.id}/test`);
    expect(res.body).toMatchObject({ status: 'delivered' });
    const inbox = (await api.call('GET', '/dev/webhook-inbox')).body.items;
    expect(inbox.at(-1)).toMatchObject({ verified: true, endpointId: created.body.id, headers: { 'webhook-id': res.body.messageId } });
    await api.call('DELETE', `/v1/webhook-endpoints/${created.body.id}`);
  });
});
