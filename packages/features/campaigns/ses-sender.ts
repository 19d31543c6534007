import { count } from '#packages/core/metrics.ts';
import { GetAccountCommand, SendEmailCommand, SESv2Client, type SendEmailCommandInput } from '@aws-sdk/client-sesv2';
import { logger } from '#packages/core/logger.ts';
import { boundedClient, dependencyClientConfig } from '#packages/core/dependencies/client-config.ts';

/**
 * The SES side of a campaign send. The client makes exactly one attempt per
 * call: the SDK's own retries would resend a message whose first attempt
 * timed out after SES had accepted it. We retry only what SES refused for
 * speed (throttling), which it certainly did not send.
 */
let client: SESv2Client | undefined;

/**
 * Built on first use, after the local runner or a test has set the endpoint
 * variable. Against the local emulator (an explicit endpoint) sockets are not
 * reused: its server closes an idle keep-alive socket after 5 s, and a request
 * written onto one it is just closing fails with ECONNRESET — an outcome we
 * must count as unknown and never resend, so locally it would lose mail.
 */
export function campaignSesClient(): SESv2Client {
  const keepAlive = !process.env.AWS_ENDPOINT_URL_SESV2;
  client ??= boundedClient(new SESv2Client(dependencyClientConfig({ maxAttempts: 1, agent: { keepAlive } })));
  return client;
}

/** The emulator has no account unless configured; a local send then runs at this rate. */
export const LOCAL_DEFAULT_SEND_RATE = 10;

/**
 * Messages per second: `CAMPAIGN_MAX_SEND_RATE` when set (the local setting,
 * or a deliberate cap below the account's), else the account's
 * SendQuota.MaxSendRate from SES GetAccount (asked once per chunk run).
 */
export async function resolveMaxSendRate(env: NodeJS.ProcessEnv = process.env): Promise<number> {
  const configured = env.CAMPAIGN_MAX_SEND_RATE;
  if (configured) {
    const rate = Number(configured);
    if (!(rate > 0) || !Number.isFinite(rate)) throw new Error(`CAMPAIGN_MAX_SEND_RATE=${configured} is not a positive number`);
    return rate;
  }
  try {
    const account = await campaignSesClient().send(new GetAccountCommand({}));
    const rate = account.SendQuota?.MaxSendRate;
    if (!rate || rate <= 0) throw new Error('SES GetAccount returned no MaxSendRate');
    return rate;
  } catch (error) {
    // Only the local emulator answers GetAccount with an error by default.
    if (env.AWS_ENDPOINT_URL_SESV2) return LOCAL_DEFAULT_SEND_RATE;
    throw error;
  }
}

export type SendOutcome =
  /** SES accepted it. */
  | { kind: 'sent'; messageId: string }
  /** SES refused this message for good (bad address, rejected content): not sent, never retried. */
  | { kind: 'failed'; reason: string }
  /** SES did not take it and may take it later (throttled past our patience, sending paused, quota): not sent. */
  | { kind: 'not_sent'; reason: string; stopCampaign: boolean }
  /** The request may or may not have been processed (timeout, 5xx, dropped connection): never resent. */
  | { kind: 'unknown'; reason: string };

const THROTTLED = new Set(['ThrottlingException', 'Throttling', 'TooManyRequestsException']);
const RECIPIENT_REFUSED = new Set(['MessageRejected', 'BadRequestException']);
/** The account or configuration cannot send now; the request was refused, nothing went out. */
const ACCOUNT_REFUSED = new Set([
  'AccountSuspendedException',
  'SendingPausedException',
  'MailFromDomainNotVerifiedException',
  'LimitExceededException',
  'NotFoundException',
]);
/** Connection never made: the request did not reach SES. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN']);

export function classifySesError(error: unknown): SendOutcome | 'throttled' {
  const e = error as { name?: string; code?: string; message?: string; $metadata?: { httpStatusCode?: number } };
  const name = e?.name ?? 'Error';
  const reason = `${name}: ${e?.message ?? ''}`.slice(0, 300);
  if (THROTTLED.has(name)) return 'throttled';
  if (RECIPIENT_REFUSED.has(name)) return { kind: 'failed', reason };
  if (ACCOUNT_REFUSED.has(name)) return { kind: 'not_sent', reason, stopCampaign: true };
  if (e?.code && NOT_CONNECTED.has(e.code)) return { kind: 'not_sent', reason, stopCampaign: true };
  const status = e?.$metadata?.httpStatusCode;
  // Another 4xx (access denied, a bad configuration set) refuses every message alike: pause, do not fail recipients.
  if (status !== undefined && status >= 400 && status < 500) return { kind: 'not_sent', reason, stopCampaign: true };
  return { kind: 'unknown', reason };
}

export interface ThrottlePolicy {
  /** Attempts per message before giving it back (it stays unsent and is retried by a later chunk). */
  attempts: number;
  baseMs: number;
  maxMs: number;
}

export const DEFAULT_THROTTLE_POLICY: ThrottlePolicy = { attempts: 8, baseMs: 200, maxMs: 10_000 };

/** "Full jitter" exponential backoff: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffMs(attempt: number, policy: ThrottlePolicy, random: () => number = Math.random): number {
  return Math.round(random() * Math.min(policy.maxMs, policy.baseMs * 2 ** attempt));
}

export interface SendOptions {
  /** Called before every attempt; paces the caller's sends. */
  beforeAttempt: () => Promise<void>;
  /** Called when SES throttles, with the wait chosen (so the caller can slow everyone down). */
  onThrottle?: (waitMs: number) => void;
  policy?: ThrottlePolicy;
  /** No new attempt may start after this (ms epoch): the message is then given back, unsent. */
  deadline?: number;
}

/** One message through SendEmail: throttling → backoff with jitter and retry; every other answer is final. */
export async function sendOnce(input: SendEmailCommandInput, options: SendOptions): Promise<SendOutcome> {
  const policy = options.policy ?? DEFAULT_THROTTLE_POLICY;
  for (let attempt = 0; ; attempt++) {
    await options.beforeAttempt();
    try {
      const out = await campaignSesClient().send(new SendEmailCommand(input));
      if (!out.MessageId) return { kind: 'unknown', reason: 'SES answered without a MessageId' };
      count('EmailsSent');
      return { kind: 'sent', messageId: out.MessageId };
    } catch (error) {
      const outcome = classifySesError(error);
      if (outcome !== 'throttled') {
        if (outcome.kind === 'not_sent' || outcome.kind === 'unknown') logger.warn('SES send not completed', { outcome: outcome.kind, reason: outcome.reason });
        return outcome;
      }
      const wait = backoffMs(attempt, policy);
      if (attempt + 1 >= policy.attempts || (options.deadline !== undefined && Date.now() + wait > options.deadline)) {
        return { kind: 'not_sent', reason: 'throttled by SES; retried later', stopCampaign: false };
      }
      options.onThrottle?.(wait);
      await new Promise((resolve) => setTimeout(resolve, wait));
    }
  }
}
