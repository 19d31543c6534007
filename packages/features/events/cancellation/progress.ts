import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { inMs, watchdogMs, type CancellationPhase } from './cancellation-store.ts';

export interface Position {
  phase: CancellationPhase;
  /** null: the phase's start. */
  cursor: string | null;
}

type Ctx = Pick<RequestContext, 'correlationId'>;

/** The condition every progress write carries: still running, still at `step`. */
const atStep = (step: number) => (a: { status: unknown; step: unknown }, op: { eq: (x: never, y: never) => string }) =>
  `${op.eq(a.status as never, 'running' as never)} AND ${op.eq(a.step as never, step as never)}`;

/**
 * Moves the job from `step` to `step + 1` at `next`, with the chunk event for
 * it through the outbox in the same transaction. Conditional on the step, so
 * of two runners of one step (a duplicate delivery, the due job's push)
 * exactly one continues the chain; false for the other.
 */
export async function advance(eventId: string, step: number, next: Position, ctx: Ctx, extra: { listedAt?: string } = {}): Promise<boolean> {
  const set = { status: 'running' as const, dueAt: inMs(watchdogMs()), phase: next.phase, step: step + 1, updatedAt: nowIso(), ...extra };
  const result = await transactWithEvents(
    ({ eventCancellation }) => [
      next.cursor === null
        ? eventCancellation.patch({ eventId }).set(set).remove(['cursor', 'lastError']).where(atStep(step)).commit()
        : eventCancellation.patch({ eventId }).set({ ...set, cursor: next.cursor }).remove(['lastError']).where(atStep(step)).commit(),
    ],
    [domainEvent('event.cancellation_chunk', { eventId, phase: next.phase, cursor: next.cursor, step: step + 1 }, ctx)],
  );
  return !result.canceled;
}

/** Leaves the job at `step` until `until` (the due job pushes it then), saying why. */
export async function waitUntil(eventId: string, step: number, until: string, why: string | undefined): Promise<void> {
  await db()
    .transaction.write(({ eventCancellation }) => [
      why === undefined
        ? eventCancellation.patch({ eventId }).set({ status: 'running', dueAt: until }).where(atStep(step)).commit()
        : eventCancellation.patch({ eventId }).set({ status: 'running', dueAt: until, lastError: why.slice(0, 500) }).where(atStep(step)).commit(),
    ])
    .go();
}

/**
 * The due job's push of a job that made no progress by its `dueAt`: the
 * chunk of the current step again. Harmless if the chain is alive after
 * all: every order write is conditional, and only one runner advances.
 */
export async function kick(eventId: string, step: number, position: Position, ctx: Ctx): Promise<boolean> {
  const result = await transactWithEvents(
    ({ eventCancellation }) => [
      eventCancellation.patch({ eventId }).set({ status: 'running', dueAt: inMs(watchdogMs()) }).where(atStep(step)).commit(),
    ],
    [domainEvent('event.cancellation_chunk', { eventId, phase: position.phase, cursor: position.cursor, step }, ctx)],
  );
  return !result.canceled;
}

/** running → done, once, whoever gets here twice. */
export async function markDone(eventId: string, step: number): Promise<boolean> {
  const at = nowIso();
  const result = await db()
    .transaction.write(({ eventCancellation }) => [
      eventCancellation.patch({ eventId }).set({ status: 'done', dueAt: at, completedAt: at, updatedAt: at }).remove(['cursor', 'lastError']).where(atStep(step)).commit(),
    ])
    .go();
  return !result.canceled;
}
