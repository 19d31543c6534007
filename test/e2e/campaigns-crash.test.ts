import { describe, expect, it, vi } from 'vitest';
import { handler as dueJob } from '#functions/jobs/campaign-due.ts';
import { resetCrashHook } from '#packages/features/campaigns/test-crash-hook.ts';
import { givenCampaign, givenContacts, givenReadySegment, mailFor, recipientsOf } from '../support/campaign-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { advanceClock } from '../support/clock.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';

process.env.CAMPAIGN_MAX_SEND_RATE = '500';

// A campaign test makes its audience through the API (every contact's consumers run too): slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const api = useTestApi();
const drain = () => api.bus.drain();

/**
 * The consumer "crashes" right after SES accepted its 6th message and before
 * recording it — the worst moment: that recipient (and the ones whose answers
 * wait to be written with it) were mailed but their items still say
 * `sending`. The bus redelivers the chunk; the retry must mail everyone else
 * exactly once and never those again.
 */
describe('campaigns: a consumer crash mid-chunk', () => {
  it('loses nobody, mails nobody twice, and settles the one in doubt as unknown after its lease', async () => {
    const tag = uniqueTag();
    const contacts = await givenContacts(api.call, 15, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    Object.assign(process.env, { CAMPAIGN_TEST_CRASH_AFTER_SENDS: '6', CAMPAIGN_CLAIM_LEASE_SECONDS: '2', CAMPAIGN_SEND_CONCURRENCY: '1' });
    resetCrashHook();
    try {
      expect((await api.call('POST', `/v1/campaigns/${c.id}/send`)).status).toBe(202);
      await drain();
      // The crash happened: the bus retried the chunk, and the send went on without the claimed one.
      expect(api.bus.deadLetters.filter((d) => d.consumer === 'campaign-send')).toEqual([]);
      let state = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
      const inDoubt = (await recipientsOf(api.call, c.id)).filter((r) => r.status === 'sending');
      if (state.status === 'sending') {
        // It waits for the claims' lease; the due job (every minute when running) pushes it after that.
        expect(inDoubt.length).toBeGreaterThan(0);
        const clock = advanceClock(3500);
        try {
          await dueJob({}, {} as never);
          await drain();
        } finally {
          clock.restore();
        }
        state = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
      }
      expect(state.status).toBe('sent');
      // In doubt: the crashed message and the answers not yet written with it (written in batches).
      const recipients = await recipientsOf(api.call, c.id);
      const unknown = recipients.filter((r) => r.status === 'unknown').length;
      expect(unknown).toBeGreaterThanOrEqual(1);
      expect(recipients.filter((r) => r.status === 'sent')).toHaveLength(15 - unknown);
      expect(state.totals).toMatchObject({ audience: 15, sent: 15 - unknown, unknown, failed: 0 });

      const mail = await mailFor(api.mailUrl, contacts.map((x) => x.email));
      // Everyone got exactly one message — including the one whose send was never recorded.
      for (const x of contacts) expect(mail.get(x.email), x.email).toHaveLength(1);
      const sentEvents = api.bus.recent.filter((e) => e['detail-type'] === 'campaign.sent' && (e.detail as { data: { campaignId: string } }).data.campaignId === c.id);
      expect(sentEvents).toHaveLength(1);
    } finally {
      for (const k of ['CAMPAIGN_TEST_CRASH_AFTER_SENDS', 'CAMPAIGN_CLAIM_LEASE_SECONDS', 'CAMPAIGN_SEND_CONCURRENCY']) delete process.env[k];
    }
  });

  it('a send pushed again and again while alive (due job, watchdog 0 s) runs chunks twice over and still mails everyone once', async () => {
    const tag = uniqueTag();
    const contacts = await givenContacts(api.call, 110, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    // Every chunk's watchdog time is "now": each run of the due job re-emits the chunk of the current step.
    process.env.CAMPAIGN_WATCHDOG_SECONDS = '0';
    try {
      expect((await api.call('POST', `/v1/campaigns/${c.id}/send`)).status).toBe(202);
      let pushes = 0;
      // Until it is sent (the test's timeout bounds it), not for a fixed number of rounds: on a loaded machine
      // 200 rounds of 50 ms ended before the last chunk, and nothing pushed it after the loop.
      for (;;) {
        const { status } = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
        if (status === 'sent') break;
        pushes += (await dueJob({}, {} as never)).pushed;
        await new Promise((r) => setTimeout(r, 50));
      }
      await drain();
      expect(pushes).toBeGreaterThan(0);
    } finally {
      delete process.env.CAMPAIGN_WATCHDOG_SECONDS;
    }
    const state = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
    expect(state).toMatchObject({ status: 'sent', totals: { audience: 110, sent: 110, unknown: 0 } });
    const mail = await mailFor(api.mailUrl, contacts.map((x) => x.email));
    for (const x of contacts) expect(mail.get(x.email), x.email).toHaveLength(1);
    const sentEvents = api.bus.recent.filter((e) => e['detail-type'] === 'campaign.sent' && (e.detail as { data: { campaignId: string } }).data.campaignId === c.id);
    expect(sentEvents).toHaveLength(1);
  });
});
