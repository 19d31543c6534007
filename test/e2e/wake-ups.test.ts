import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { handler as wakeUp } from '#functions/jobs/wake-up.ts';
import { useLocalWakeUps, type WakeUp } from '#packages/core/wake-ups/wake-ups.ts';
import { advanceClock } from '../support/clock.ts';
import { useTestApi } from '../support/local-api.ts';
import { startWebhookReceiver, until } from '../support/webhook-receiver.ts';

vi.setConfig({ testTimeout: 120_000 });

const api = useTestApi();
let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
const asked: WakeUp[] = [];
beforeAll(async () => {
  receiver = await startWebhookReceiver();
  // In place of the local runner's timers: what was asked for, to fire by hand at a chosen time.
  useLocalWakeUps((w) => asked.push(w));
});
afterAll(() => receiver?.stop());

const unique = () => randomBytes(5).toString('hex');

async function wakeAt(at: number, wake: WakeUp) {
  const clock = advanceClock(at - Date.now());
  try {
    return (await wakeUp({ wake: { kind: wake.kind, id: wake.id } })).outcome;
  } finally {
    clock.restore();
  }
}

describe('one-shot wake-ups (EventBridge Scheduler deployed, timers locally)', () => {
  it('a workflow wait asks for a wake-up at its end; the wake-up advances the run at that time, not before, and once', async () => {
    const tag = `wk${unique()}`;
    const wf = await api.call('POST', '/v1/workflows', {
      body: {
        name: 'wait then tag',
        definition: {
          trigger: { type: 'event', eventType: 'contact.created' },
          conditions: { path: 'contact.tags', op: 'contains', value: tag },
          steps: [{ type: 'wait', seconds: 3600 }, { type: 'update_contact', addTags: ['woken'] }],
        },
      },
    });
    expect(wf.status).toBe(201);
    const contact = await api.call('POST', '/v1/contacts', { body: { email: `${tag}@example.com`, tags: [tag] } });
    await api.bus.drain();
    const [run] = (await api.call('GET', `/v1/workflows/${wf.body.id}/runs`)).body.items;
    expect(run).toMatchObject({ status: 'waiting' });
    const wake = asked.find((w) => w.kind === 'workflow-run' && w.id === run.id)!;
    expect(wake).toEqual({ kind: 'workflow-run', id: run.id, at: run.wakeAt });

    expect(await wakeAt(Date.parse(run.wakeAt) - 60_000, wake)).toBe('not_due');
    expect(await wakeAt(Date.parse(run.wakeAt) + 1_000, wake)).toBe('advanced');
    // Scheduler may deliver twice (at least once): the second finds nothing due.
    expect(await wakeAt(Date.parse(run.wakeAt) + 2_000, wake)).toBe('not_due');
    const [done] = (await api.call('GET', `/v1/workflows/${wf.body.id}/runs`)).body.items;
    expect(done).toMatchObject({ status: 'completed' });
    expect((await api.call('GET', `/v1/contacts/${contact.body.id}`)).body.tags).toContain('woken');
  });

  it('a failed webhook attempt asks for a wake-up at its retry time, which makes the next attempt', async () => {
    const path = `/hook/${unique()}`;
    receiver.script(path, (n) => (n === 1 ? { status: 500 } : { status: 200 }));
    const endpoint = await api.call('POST', '/v1/webhook-endpoints', { body: { url: receiver.url(path), eventTypes: ['contact.created'], description: 'wake' } });
    expect(endpoint.status).toBe(201);
    await api.call('POST', '/v1/contacts', { body: { email: `wh${unique()}@example.com` } });
    await api.bus.drain();
    await until(() => receiver.got(path).length === 1, 'the first attempt');
    const wake = await until(() => asked.find((w) => w.kind === 'webhook-delivery'), 'a wake-up for the retry');
    const attempts = async () => (await api.call('GET', `/v1/webhook-endpoints/${endpoint.body.id}/attempts`)).body.items as any[];
    expect(await wakeAt(Date.parse(wake.at) + 1_000, wake)).toMatch(/delivered|not_due/);
    // The due job's sweep (every 5 s locally) may have taken it first; either way the retry went out once.
    await until(() => receiver.got(path).length === 2, 'the retry');
    expect(receiver.got(path)[1]!.headers['webhook-id']).toBe(receiver.got(path)[0]!.headers['webhook-id']);
    expect((await attempts()).map((a) => a.outcome).sort()).toEqual(['delivered', 'failed']);
  });
});
