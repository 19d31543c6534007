import { GetAccountCommand, SendEmailCommand, SESv2Client, TooManyRequestsException } from '@aws-sdk/client-sesv2';
import { mockClient } from 'aws-sdk-client-mock';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { Pacer } from '#packages/features/campaigns/pacer.ts';
import { backoffMs, classifySesError, resolveMaxSendRate, sendOnce } from '#packages/features/campaigns/ses-sender.ts';

const ses = mockClient(SESv2Client);
afterEach(() => {
  ses.reset();
  vi.useRealTimers();
});

const message = { Destination: { ToAddresses: ['a@b.c'] }, Content: { Simple: { Subject: { Data: 's' }, Body: { Text: { Data: 't' } } } } };

const sesError = (name: string, status: number) => Object.assign(new Error(name), { name, $metadata: { httpStatusCode: status } });

describe('SES answers, classified', () => {
  it('retries only throttling; never resends what SES may have taken', () => {
    expect(classifySesError(sesError('TooManyRequestsException', 429))).toBe('throttled');
    expect(classifySesError(sesError('ThrottlingException', 400))).toBe('throttled');
    expect(classifySesError(sesError('MessageRejected', 400))).toMatchObject({ kind: 'failed' });
    expect(classifySesError(sesError('SendingPausedException', 400))).toMatchObject({ kind: 'not_sent', stopCampaign: true });
    expect(classifySesError(sesError('AccessDeniedException', 403))).toMatchObject({ kind: 'not_sent', stopCampaign: true });
    expect(classifySesError(sesError('InternalFailure', 500))).toMatchObject({ kind: 'unknown' });
    expect(classifySesError(Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' }))).toMatchObject({ kind: 'unknown' });
    expect(classifySesError(Object.assign(new Error('refused'), { code: 'ECONNREFUSED' }))).toMatchObject({ kind: 'not_sent' });
  });

  it('backs off exponentially with full jitter, capped', () => {
    const policy = { attempts: 8, baseMs: 100, maxMs: 1000 };
    expect([0, 1, 2, 3, 4].map((a) => backoffMs(a, policy, () => 1))).toEqual([100, 200, 400, 800, 1000]);
    expect(backoffMs(3, policy, () => 0)).toBe(0);
  });

  it('sends after throttling with one attempt per SDK call, and gives the message back when patience runs out', async () => {
    const throttled = new TooManyRequestsException({ message: 'Maximum sending rate exceeded', $metadata: { httpStatusCode: 429 } });
    ses.on(SendEmailCommand).rejectsOnce(throttled).rejectsOnce(throttled).resolves({ MessageId: 'm-1' });
    const paced = vi.fn(async () => {});
    const policy = { attempts: 5, baseMs: 1, maxMs: 2 };
    await expect(sendOnce(message, { beforeAttempt: paced, policy })).resolves.toEqual({ kind: 'sent', messageId: 'm-1' });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(3);
    expect(paced).toHaveBeenCalledTimes(3);

    ses.reset();
    ses.on(SendEmailCommand).rejects(throttled);
    await expect(sendOnce(message, { beforeAttempt: paced, policy })).resolves.toMatchObject({ kind: 'not_sent', stopCampaign: false });
    expect(ses.commandCalls(SendEmailCommand)).toHaveLength(5);
  });

  it('takes the rate from CAMPAIGN_MAX_SEND_RATE, else from SES GetAccount', async () => {
    ses.on(GetAccountCommand).resolves({ SendQuota: { MaxSendRate: 14, Max24HourSend: 50_000, SentLast24Hours: 0 } });
    await expect(resolveMaxSendRate({ CAMPAIGN_MAX_SEND_RATE: '3' })).resolves.toBe(3);
    expect(ses.commandCalls(GetAccountCommand)).toHaveLength(0);
    await expect(resolveMaxSendRate({})).resolves.toBe(14);
    expect(ses.commandCalls(GetAccountCommand)).toHaveLength(1);
    await expect(resolveMaxSendRate({ CAMPAIGN_MAX_SEND_RATE: 'fast' })).rejects.toThrow(/not a positive number/);
    ses.on(GetAccountCommand).rejects(sesError('AccessDeniedException', 403));
    await expect(resolveMaxSendRate({})).rejects.toThrow();
  });
});

describe('pacer', () => {
  it('starts at most `rate` calls per second, evenly spaced, however many wait', async () => {
    vi.useFakeTimers({ toFake: ['setTimeout', 'performance'] });
    const pacer = new Pacer(4);
    const started: number[] = [];
    const t0 = performance.now();
    const all = Promise.all(Array.from({ length: 9 }, () => pacer.take().then(() => started.push(performance.now() - t0))));
    await vi.advanceTimersByTimeAsync(3000);
    await all;
    expect(started).toEqual([0, 250, 500, 750, 1000, 1250, 1500, 1750, 2000]);
  });

  it('refuses a rate that is not positive', () => {
    expect(() => new Pacer(0)).toThrow(RangeError);
  });
});
