import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { inMs, watchdogMs, type SendPhase } from './campaign-store.ts';

export interface Position {
  phase: SendPhase;
  /** null: the phase's start. */
  cursor: string | null;
}

type Ctx = Pick<RequestContext, 'correlationId'>;

/** The condition every progress write carries: still sending, still at `step`. */
export const atStep = (step: number) => (a: { status: unknown; progressStep: unknown }, op: { eq: (x: never, y: never) => string }) =>
  `${op.eq(a.status as never, 'sending' as never)} AND ${op.eq(a.progressStep as never, step as never)}`;

/**
 * Moves the send from `step` to `step + 1` at `next`, and emits the chunk
 * event for it through the outbox in the same transaction. Conditional on
 * the step, so of two runners of one step (a duplicate delivery, the due
 * job's push) exactly one continues the chain; false for the other, or when
 * the campaign was canceled meanwhile. Pushes the watchdog time forward.
 */
export async function advance(campaignId: string, step: number, next: Position, ctx: Ctx): Promise<boolean> {
  const at = nowIso();
  const set = { status: 'sending' as const, dueAt: inMs(watchdogMs()), progressPhase: next.phase, progressStep: step + 1, updatedAt: at };
  const result = await transactWithEvents(
    ({ campaign }) => [
      next.cursor === null
        ? campaign.patch({ campaignId }).set(set).remove(['progressCursor']).where(atStep(step)).commit()
        : campaign.patch({ campaignId }).set({ ...set, progressCursor: next.cursor }).where(atStep(step)).commit(),
    ],
    [domainEvent('campaign.send_chunk', { campaignId, phase: next.phase, cursor: next.cursor, step: step + 1 }, ctx)],
  );
  return !result.canceled;
}

/** Leaves the send at `step` until `until`, when the due job pushes it again (claims still leased elsewhere). */
export async function waitUntil(campaignId: string, step: number, until: string): Promise<void> {
  await db()
    .transaction.write(({ campaign }) => [
      campaign.patch({ campaignId }).set({ status: 'sending', dueAt: until }).where(atStep(step)).commit(),
    ])
    .go();
}

/**
 * The due job's push of a send that made no progress by its watchdog time
 * (a lost continuation, a run that kept failing, claims that were leased):
 * the chunk of the current step again. Harmless if the chain is alive after
 * all: every recipient write is conditional, and only one runner advances.
 */
export async function kick(campaignId: string, step: number, position: Position, ctx: Ctx): Promise<boolean> {
  const result = await transactWithEvents(
    ({ campaign }) => [
      campaign.patch({ campaignId }).set({ status: 'sending', dueAt: inMs(watchdogMs()) }).where(atStep(step)).commit(),
    ],
    [domainEvent('campaign.send_chunk', { campaignId, phase: position.phase, cursor: position.cursor, step }, ctx)],
  );
  return !result.canceled;
}

/** sending → sent with the totals, and `campaign.sent` in the same transaction: emitted once, whoever gets here twice. */
export async function markCampaignSent(campaignId: string, step: number, totals: Record<string, number>, ctx: Ctx): Promise<boolean> {
  const at = nowIso();
  const result = await transactWithEvents(
    ({ campaign }) => [
      campaign
        .patch({ campaignId })
        .set({ status: 'sent', sentAt: at, dueAt: at, totals, updatedAt: at })
        .where(atStep(step))
        .commit(),
    ],
    [domainEvent('campaign.sent', { campaignId, sentAt: at, totals }, ctx)],
  );
  return !result.canceled;
}
