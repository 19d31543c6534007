import { logger } from '#packages/core/logger.ts';
import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { DomainError } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { kick } from './progress.ts';
import { requestSend } from './request-send.ts';
import { decideDue } from './ab/test-round.ts';

export interface DueOutcome {
  /** Scheduled campaigns whose time came and that are now sending. */
  started: number;
  /** Sending campaigns pushed again after their watchdog time passed. */
  pushed: number;
  /** A/B-tested campaigns whose test was decided (winner or fallback); the rest of their audience is now being sent. */
  decided: number;
}

/**
 * The `campaign-due` job (every minute): two Queries of the sparse `due`
 * index, `dueAt ≤ now`, one per status. A scheduled campaign whose time came
 * is sent (the same conditional transition as the send route, so a user's
 * send at the same moment wins or loses cleanly); a sending campaign that made
 * no progress by its watchdog time gets the chunk of its current step again.
 */
export async function runDueCampaigns(): Promise<DueOutcome> {
  const now = nowIso();
  const outcome: DueOutcome = { started: 0, pushed: 0, decided: 0 };
  const ctx = { actorId: 'scheduler', correlationId: newId() };

  const scheduled = await db().entities.campaign.query.due({ status: 'scheduled' }).lte({ dueAt: now }).go({ pages: 'all' });
  for (const c of scheduled.data) {
    try {
      await requestSend(c.campaignId, ctx, ['scheduled']);
      outcome.started++;
    } catch (error) {
      // Rescheduled, canceled or sent by hand meanwhile; or its segment is still building (next minute).
      if (!(error instanceof DomainError)) throw error;
      logger.info('scheduled campaign not started', { campaignId: c.campaignId, code: error.code });
    }
  }

  const stalled = await db().entities.campaign.query.due({ status: 'sending' }).lte({ dueAt: now }).go({ pages: 'all' });
  for (const c of stalled.data) {
    // An A/B test waiting for its length and sample: decided here, or looked at again later.
    if (c.progressPhase === 'wait') {
      if ((await decideDue(c, ctx)) === 'decided') outcome.decided++;
      continue;
    }
    const position = { phase: c.progressPhase ?? ('resolve' as const), cursor: c.progressCursor ?? null };
    if (await kick(c.campaignId, c.progressStep ?? 0, position, ctx)) outcome.pushed++;
  }
  return outcome;
}
