import type { EntityItem } from 'electrodb';
import { logger } from '../../http/logger.ts';
import { nowIso } from '../clock.ts';
import type { campaignRecipientEntity } from '../db/entities/campaign-recipient.ts';
import { db } from '../db/service.ts';
import { newId } from '../ids.ts';
import type { CampaignItem } from './campaign-store.ts';
import { decide, type ContactItem } from './eligibility.ts';
import { campaignSendEmailInput } from './message.ts';
import { Pacer } from './pacer.ts';
import type { Position } from './progress.ts';
import {
  claimRecipient,
  commitChanges,
  markFailed,
  markSent,
  markUnknown,
  releaseClaim,
  skipPending,
  type Change,
  type Claim,
} from './recipient-writes.ts';
import { resolveMaxSendRate, sendOnce } from './ses-sender.ts';
import { resolveMarketingTokenKey, signRecipientToken, signUnsubscribeToken, unsubscribeUrl, type MarketingTokenKey } from './tokens.ts';

type RecipientItem = EntityItem<typeof campaignRecipientEntity>;

/** Recipients per send chunk (the issue's ≤ 50 per SES batch). */
export const SEND_PAGE = 50;

export function claimLeaseMs(env: NodeJS.ProcessEnv = process.env): number {
  return Number(env.CAMPAIGN_CLAIM_LEASE_SECONDS || 600) * 1000;
}

/** A claim older than its lease was left by a run that died between claiming and recording SES's answer. */
export function leaseExpired(r: Pick<RecipientItem, 'claimedAt'>, now = Date.now()): boolean {
  return !r.claimedAt || Date.parse(r.claimedAt) + claimLeaseMs() <= now;
}

function concurrencyFor(rate: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.CAMPAIGN_SEND_CONCURRENCY);
  if (configured >= 1) return Math.floor(configured);
  // SES answers in ~50–150 ms: enough workers to keep `rate` going, never a crowd.
  return Math.max(1, Math.min(16, Math.ceil(rate / 5)));
}

/** Test hook (CAMPAIGN_TEST_CRASH_AFTER_SENDS=N): the process "crashes" once, right after SES accepted its N-th message, before recording it. */
let acceptedInProcess = 0;
let crashed = false;
function crashHook(): void {
  const after = Number(process.env.CAMPAIGN_TEST_CRASH_AFTER_SENDS || 0);
  if (!after || crashed) return;
  acceptedInProcess++;
  if (acceptedInProcess >= after) {
    crashed = true;
    throw new Error(`test hook: crash after ${after} accepted sends`);
  }
}

/** Re-arms the crash hook (tests). */
export function resetCrashHook(): void {
  acceptedInProcess = 0;
  crashed = false;
}

// One pacer per process: a warm Lambda running chunk after chunk keeps its spacing across them.
const pacer = new Pacer(1);

interface Run {
  campaign: CampaignItem;
  claimToken: string;
  deadline: number;
  key: MarketingTokenKey;
  event: { name?: string; startsAt?: string } | undefined;
  /** Set when the chunk must stop taking recipients. */
  stop: { error?: Error; incomplete?: boolean };
  outcomes: Outcomes;
}

/** Outcomes recorded per transaction: a few recipients' status changes and their counts in one write. */
export const OUTCOME_BATCH = 10;

/**
 * SES's answers, written in small batches (one transaction of up to
 * OUTCOME_BATCH recipient changes and one counter slice) instead of one
 * transaction each: half the write units, a tenth of the calls. A crash
 * loses at most the unwritten batch — those recipients were mailed and stay
 * `sending`, to be settled as `unknown` after their lease: never mailed twice.
 */
class Outcomes {
  private buffer: Change[] = [];

  constructor(private readonly campaignId: string) {}

  async add(change: Change): Promise<void> {
    this.buffer.push(change);
    if (this.buffer.length >= OUTCOME_BATCH) await this.flush();
  }

  async flush(): Promise<void> {
    const batch = this.buffer;
    this.buffer = [];
    if (!batch.length) return;
    const { refused } = await commitChanges(this.campaignId, batch);
    // Only possible if a lease ran out meanwhile and the recipient was settled as unknown: it stays so.
    if (refused.length) logger.warn('recipient outcomes not recorded: claim no longer held', { campaignId: this.campaignId, contactIds: refused });
  }
}

async function mailOne(run: Run, recipient: RecipientItem, contact: ContactItem): Promise<void> {
  const { campaignId } = run.campaign;
  const { contactId } = recipient;
  const [unsubscribeToken, recipientToken] = await Promise.all([
    signUnsubscribeToken({ contactId, campaignId }, run.key),
    signRecipientToken({ campaignId, contactId }, run.key),
  ]);
  const input = campaignSendEmailInput({
    campaignId,
    contactId,
    to: contact.email,
    template: run.campaign,
    data: { firstName: contact.firstName, lastName: contact.lastName, email: contact.email, event: run.event },
    unsubscribeUrl: unsubscribeUrl(unsubscribeToken),
    unsubscribeToken,
    recipientToken,
  });
  const claim: Claim = { token: run.claimToken, claimedAt: nowIso() };
  if (!(await claimRecipient(campaignId, contactId, claim))) return;
  const outcome = await sendOnce(input, {
    beforeAttempt: () => pacer.take(),
    onThrottle: (ms) => pacer.delay(ms / 2),
    deadline: run.deadline,
  });
  switch (outcome.kind) {
    case 'sent':
      crashHook();
      return run.outcomes.add(markSent(campaignId, contactId, claim, outcome.messageId));
    case 'failed':
      return run.outcomes.add(markFailed(campaignId, contactId, claim, outcome.reason));
    case 'unknown':
      return run.outcomes.add(markUnknown(campaignId, contactId, claim, outcome.reason));
    case 'not_sent':
      await releaseClaim(campaignId, contactId, claim);
      if (outcome.stopCampaign) run.stop.error ??= new Error(`SES refused to send: ${outcome.reason}`);
      else run.stop.incomplete = true;
  }
}

/** Runs `work` over `items` with at most `limit` at a time, in order; stops taking new ones once `stopped()`. */
async function pool<T>(items: readonly T[], limit: number, stopped: () => boolean, work: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  let failure: unknown;
  const worker = async () => {
    while (next < items.length && !stopped() && failure === undefined) {
      const item = items[next++]!;
      try {
        await work(item);
      } catch (error) {
        failure ??= error;
      }
    }
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
  if (failure !== undefined) throw failure;
}

/**
 * Phase 2, one page of up to 50 recipients after `cursor`: settles claims
 * whose lease ran out as `unknown`, re-checks the pending ones (an
 * unsubscribe or bounce since the audience was resolved skips them), then
 * claims and mails each eligible one at the allowed rate. Claims held by a
 * live run elsewhere are left to the finish phase. Returns the next position:
 * this page again when time or SES throttling cut it short.
 */
export async function sendPage(campaign: CampaignItem, cursor: string | null, deadline: number): Promise<Position> {
  const { campaignId } = campaign;
  const query = db().entities.campaignRecipient.query.byCampaign({ campaignId });
  const { data: page } = await (cursor === null ? query : query.gt({ contactId: cursor })).go({ limit: SEND_PAGE, consistent: true });

  const stale = page.filter((r) => r.status === 'sending' && r.claimToken && r.claimedAt && leaseExpired(r));
  if (stale.length) {
    await commitChanges(
      campaignId,
      stale.map((r) => markUnknown(campaignId, r.contactId, { token: r.claimToken!, claimedAt: r.claimedAt! }, 'claim lease expired without an SES answer recorded')),
    );
  }

  const pending = page.filter((r) => r.status === 'pending');
  const stop: Run['stop'] = {};
  if (pending.length) {
    const decisions = await decide(pending.map((r) => r.contactId), true);
    const skips = decisions.filter((d) => d.skipReason).map((d) => skipPending(campaignId, d.contactId, d.skipReason!));
    if (skips.length) await commitChanges(campaignId, skips);
    const contacts = new Map(decisions.filter((d) => !d.skipReason).map((d) => [d.contactId, d.contact!]));
    const eligible = pending.filter((r) => contacts.has(r.contactId));
    if (eligible.length) {
      const rate = await resolveMaxSendRate();
      pacer.setRate(rate);
      const event = campaign.eventId ? (await db().entities.event.get({ eventId: campaign.eventId }).go()).data : null;
      const run: Run = {
        campaign,
        claimToken: newId(),
        deadline,
        key: await resolveMarketingTokenKey(),
        event: event ? { name: event.name, startsAt: event.startsAt } : undefined,
        stop,
        outcomes: new Outcomes(campaignId),
      };
      const stopped = () => stop.error !== undefined || stop.incomplete === true || Date.now() >= deadline;
      // A crash (an exception out of the pool) skips the flush, as a dead Lambda would.
      await pool(eligible, concurrencyFor(rate), stopped, (r) => mailOne(run, r, contacts.get(r.contactId)!));
      await run.outcomes.flush();
      if (stop.error) throw stop.error;
      if (Date.now() >= deadline) stop.incomplete = true;
    }
  }
  if (stop.incomplete) return { phase: 'send', cursor };
  return page.length === SEND_PAGE ? { phase: 'send', cursor: page.at(-1)!.contactId } : { phase: 'finish', cursor: null };
}
