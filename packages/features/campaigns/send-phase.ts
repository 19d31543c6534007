import { preferencesLink } from '#packages/features/consents/index.ts';
import type { EntityItem } from 'electrodb';
import { nowIso } from '#packages/core/clock.ts';
import type { campaignRecipientEntity } from '#packages/core/db/entities/campaign-recipient.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import type { CampaignItem } from './campaign-store.ts';
import { leaseExpired } from './claim-lease.ts';
import { decide, type ContactItem } from './eligibility.ts';
import { campaignSendEmailInput } from './message.ts';
import { Outcomes } from './outcome-batch.ts';
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
  type Claim,
} from './recipient-writes.ts';
import { resolveMaxSendRate, sendOnce } from './ses-sender.ts';
import { crashHook } from './test-crash-hook.ts';
import { currentMarketingTokenKey, signRecipientToken, signUnsubscribeToken, unsubscribeUrl, type MarketingTokenKey } from './tokens.ts';
import { pool } from '#packages/core/worker-pool.ts';
import { contentFor, isDue } from './ab/variant-content.ts';
import { armOf } from './ab/variant-counters.ts';

type RecipientItem = EntityItem<typeof campaignRecipientEntity>;

/** Recipients per send chunk (the issue's ≤ 50 per SES batch). */
export const SEND_PAGE = 50;

function concurrencyFor(rate: number, env: NodeJS.ProcessEnv = process.env): number {
  const configured = Number(env.CAMPAIGN_SEND_CONCURRENCY);
  if (configured >= 1) return Math.floor(configured);
  // SES answers in ~50–150 ms: enough workers to keep `rate` going, never a crowd.
  return Math.max(1, Math.min(16, Math.ceil(rate / 5)));
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

async function mailOne(run: Run, recipient: RecipientItem, contact: ContactItem): Promise<void> {
  const { campaignId } = run.campaign;
  // Unreachable: skipReasonOf skips a contact without a plausible address before anything is mailed.
  if (!contact.email) throw new Error(`contact ${recipient.contactId} has no email to mail`);
  const { contactId } = recipient;
  const [unsubscribeToken, recipientToken] = await Promise.all([
    signUnsubscribeToken({ contactId, campaignId }, run.key),
    signRecipientToken({ campaignId, contactId }, run.key),
  ]);
  const input = campaignSendEmailInput({
    campaignId,
    contactId,
    to: contact.email,
    template: contentFor(run.campaign, recipient),
    data: { firstName: contact.firstName, lastName: contact.lastName, email: contact.email, event: run.event },
    unsubscribeUrl: unsubscribeUrl(unsubscribeToken),
    unsubscribeToken,
    preferencesUrl: preferencesLink(contactId, run.key),
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
      return run.outcomes.add(markSent(campaignId, contactId, claim, outcome.messageId, armOf(recipient)));
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

  // A test variant with a later `sendAt` stays pending until then (the finish phase waits for it).
  const pending = page.filter((r) => r.status === 'pending' && isDue(campaign, r));
  const stop: Run['stop'] = {};
  if (pending.length) {
    const decisions = await decide(pending.map((r) => r.contactId), true, campaign.subscriptionType);
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
        key: currentMarketingTokenKey(),
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
