import type { EntityItem } from 'electrodb';
import type { EventCancellationView } from '../contract.ts';
import { domainEvent, type PendingEvent } from '#packages/core/bus/pending-event.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { eventEntity } from '#packages/core/db/entities/event.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { inMs, loadCancellation, watchdogMs, type CancellationItem } from './cancellation-store.ts';

type EventItem = EntityItem<typeof eventEntity>;

/**
 * What the cancel transaction adds to the event's status change: the job's
 * item (running, step 0 of the pending phase) and `event.canceled`, which is
 * step 0's chunk. One transaction, so a canceled event always has its job
 * and the job's first chunk on the way (the outbox).
 */
export function startCancellation(event: EventItem, at: string, ctx: RequestContext): { items: (e: TransactionEntities) => TransactionItem[]; events: PendingEvent[] } {
  const { eventId } = event;
  return {
    items: (e) => [
      e.eventCancellation
        .create({ eventId, status: 'running', phase: 'pending', step: 0, dueAt: inMs(watchdogMs()), requestedBy: ctx.actorId, createdAt: at, updatedAt: at })
        .commit(),
    ],
    events: [
      domainEvent(
        'event.canceled',
        {
          eventId,
          venueId: event.venueId,
          name: event.name,
          startsAt: event.startsAt,
          canceledAt: at,
          canceledBy: ctx.actorId,
          previousStatus: event.status === 'draft' ? 'draft' : 'published',
        },
        ctx,
      ),
    ],
  };
}

export function toCancellationView(c: CancellationItem): EventCancellationView {
  return {
    status: c.status,
    ...(c.status === 'running' ? { phase: c.phase } : {}),
    pendingCanceled: c.pendingCanceled ?? 0,
    ordersFound: c.ordersFound ?? 0,
    ...(c.listedAt ? { ordersTotal: c.ordersFound ?? 0 } : {}),
    refunded: c.refunded ?? 0,
    failed: c.refundFailed ?? 0,
    emailed: c.emailed ?? 0,
    emailFailed: c.emailFailed ?? 0,
    emailUnknown: c.emailUnknown ?? 0,
    startedAt: c.createdAt,
    ...(c.completedAt ? { completedAt: c.completedAt } : {}),
    ...(c.lastError && c.status === 'running' ? { lastError: c.lastError, nextAttemptAt: c.dueAt } : {}),
  };
}

/** The cancellation's progress for GET /v1/events/{id} (one more GetItem, only for a canceled event). */
export async function cancellationView(eventId: string, consistent = false): Promise<EventCancellationView | undefined> {
  const c = await loadCancellation(eventId, consistent);
  return c ? toCancellationView(c) : undefined;
}
