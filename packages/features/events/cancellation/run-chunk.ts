import type { EventData } from '#events/catalog.ts';
import { logger } from '#packages/core/logger.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { chunkBudgetMs, loadCancellation, retryDelayMs } from './cancellation-store.ts';
import { finishPhase, paidPage, pendingPage, type PhaseOutcome } from './phases.ts';
import { advance, markDone, waitUntil, type Position } from './progress.ts';

export type Chunk = EventData<'event.cancellation_chunk'>;
export type ChunkOutcome = 'advanced' | 'waiting' | 'done' | 'stale';

/** `event.canceled` is the chunk at step 0 of the pending phase. */
export const firstChunk = (eventId: string): Chunk => ({ eventId, phase: 'pending', cursor: null, step: 0 });

/**
 * One chunk of an event's cancellation (the event-cancellation consumer). It
 * runs only while the job is running and still at the chunk's step (a
 * consistent read), does its phase's work — all of it idempotent — and ends
 * by advancing the step with the next chunk event in one transaction. A crash
 * anywhere leaves the step where it was, so the redelivered event (or the
 * due job's push) runs the same chunk again; a duplicate finds the step moved.
 */
export async function runCancellationChunk(chunk: Chunk, ctx: Pick<RequestContext, 'correlationId'>): Promise<ChunkOutcome> {
  const started = Date.now();
  const c = await loadCancellation(chunk.eventId, true);
  if (!c || c.status !== 'running' || c.step !== chunk.step) return 'stale';
  const { data: event } = await db().entities.event.get({ eventId: c.eventId }).go();
  if (!event) return 'stale';
  const facts = { eventId: event.eventId, name: event.name, startsAt: event.startsAt };
  // Refunds say who canceled the event (Stripe metadata `requestedBy`).
  const runCtx = { actorId: c.requestedBy, correlationId: ctx.correlationId };
  const deadline = started + chunkBudgetMs();
  const here: Position = { phase: c.phase, cursor: c.cursor ?? null };

  let outcome: PhaseOutcome;
  switch (here.phase) {
    case 'pending':
      outcome = await pendingPage(c, here.cursor, runCtx);
      break;
    case 'paid':
      outcome = await paidPage(c, facts, here.cursor, runCtx, deadline, retryDelayMs());
      break;
    case 'finish':
      outcome = await finishPhase(c, facts, runCtx, deadline, retryDelayMs());
      break;
  }
  switch (outcome.kind) {
    case 'advance':
      return (await advance(c.eventId, c.step, outcome.next, ctx, outcome.listed ? { listedAt: new Date().toISOString() } : {})) ? 'advanced' : 'stale';
    case 'wait':
      await waitUntil(c.eventId, c.step, outcome.until, outcome.why);
      logger.info('event cancellation waits', { eventId: c.eventId, until: outcome.until, why: outcome.why });
      return 'waiting';
    case 'done': {
      const done = await markDone(c.eventId, c.step);
      if (done) logger.info('event cancellation done', { eventId: c.eventId });
      return done ? 'done' : 'stale';
    }
  }
}
