import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { kick } from './progress.ts';

/**
 * The `event-cancellations-due` job (every minute): one Query of the sparse
 * `due` index (running cancellations, `dueAt ≤ now`). A job that made no
 * progress by its watchdog time (a lost chunk, a chunk that kept failing
 * into the dead-letter queue) or whose retry time came (Stripe or SES was
 * unavailable, email claims were leased) gets the chunk of its current step
 * again.
 */
export async function runDueCancellations(): Promise<{ pushed: number }> {
  const ctx = { correlationId: newId() };
  const { data } = await db().entities.eventCancellation.query.due({ status: 'running' }).lte({ dueAt: nowIso() }).go({ pages: 'all' });
  let pushed = 0;
  for (const c of data) {
    if (await kick(c.eventId, c.step, { phase: c.phase, cursor: c.cursor ?? null }, ctx)) pushed++;
  }
  return { pushed };
}
