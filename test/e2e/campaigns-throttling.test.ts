import { GetAccountCommand, SendEmailCommand, SESv2Client, TooManyRequestsException, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { givenCampaign, givenContacts, givenReadySegment, recipientsOf } from '../support/campaign-fixtures.ts';
import { useTestApi } from '../support/local-api.ts';
import { uniqueTag } from '../support/segment-fixtures.ts';

// A campaign test makes its audience through the API (every contact's consumers run too): slow on a loaded machine.
vi.setConfig({ testTimeout: 180_000 });

const api = useTestApi();
const drain = () => api.bus.drain();

/**
 * SES as deployed, from aws-sdk-client-mock: the rate comes from GetAccount
 * (no CAMPAIGN_MAX_SEND_RATE), and SES throttles — the first calls, then
 * every few — with both names SES uses. Every recipient must end up with
 * exactly one accepted SendEmail.
 */
describe('campaigns: SES throttling', () => {
  const ses = mockClient(SESv2Client);
  afterAll(() => ses.restore());

  it('backs off and retries in-process: all sent, none twice, nothing lost', async () => {
    delete process.env.CAMPAIGN_MAX_SEND_RATE;
    const tag = uniqueTag();
    const contacts = await givenContacts(api.call, 20, () => ({ tags: [tag] }));
    const segmentId = await givenReadySegment(api.call, drain, tag);
    const c = await givenCampaign(api.call, { audience: { segmentId } });

    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 200, Max24HourSend: 50_000, SentLast24Hours: 0 } });
    let calls = 0;
    const accepted: string[] = [];
    const throttled = (name: 'TooManyRequestsException' | 'ThrottlingException') =>
      Object.assign(new TooManyRequestsException({ message: 'Maximum sending rate exceeded.', $metadata: { httpStatusCode: 429 } }), { name });
    ses.on(SendEmailCommand).callsFake((input: SendEmailCommandInput) => {
      calls++;
      // The first five calls, then every seventh, are refused for speed.
      if (calls <= 5 || calls % 7 === 0) throw throttled(calls % 2 ? 'TooManyRequestsException' : 'ThrottlingException');
      accepted.push(input.Destination!.ToAddresses![0]!);
      return { MessageId: `mock-${calls}` };
    });

    expect((await api.call('POST', `/v1/campaigns/${c.id}/send`)).status).toBe(202);
    await drain();

    const done = (await api.call('GET', `/v1/campaigns/${c.id}`)).body;
    expect(done).toMatchObject({ status: 'sent', totals: { audience: 20, sent: 20, failed: 0, unknown: 0 } });
    expect([...accepted].sort()).toEqual(contacts.map((x) => x.email).sort());
    expect(calls).toBeGreaterThan(20);
    expect(ses.commandCalls(GetAccountCommand).length).toBeGreaterThan(0);
    const recipients = await recipientsOf(api.call, c.id);
    expect(new Set(recipients.map((r) => r.messageId)).size).toBe(20);
    expect(recipients.every((r) => r.status === 'sent')).toBe(true);
  });
});
