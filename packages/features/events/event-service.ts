import type { EntityItem } from 'electrodb';
import type { CreateEventInput, EventView, UpdateEventInput } from './contract.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { assertRevision, bump, revisionCondition, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import type { eventEntity } from '#packages/core/db/entities/event.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { cancellationView, startCancellation } from './cancellation/start.ts';
import { forgetEventSnapshot } from '#packages/features/check-ins/index.ts';
import { createPoolItems, resizePool } from '#packages/features/inventory/index.ts';
import { eventPool, shardCount } from '#packages/features/inventory/index.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';

type EventItem = EntityItem<typeof eventEntity>;
type EventStatus = EventItem['status'];

const toView = ({ inventoryShards: _internal, ...item }: EventItem): EventView => withId(item, 'eventId');


export const DEFAULT_HOLD_MINUTES = 15;

export async function loadEvent(id: string, consistent = false): Promise<EventItem> {
  const { data } = await db().entities.event.get({ eventId: id }).go({ consistent });
  if (!data) throw notFound('Event', id);
  return data;
}

export async function createEvent(input: CreateEventInput): Promise<EventView> {
  const { data: venue } = await db().entities.venue.get({ venueId: input.venueId }).go();
  if (!venue) throw unprocessable('unknown_venue', `Venue ${input.venueId} does not exist`, { venueId: input.venueId });
  const eventId = newId();
  const at = nowIso();
  const item: EventItem = {
    ...input,
    eventId,
    startsAt: toUtc(input.startsAt),
    endsAt: toUtc(input.endsAt),
    status: 'draft',
    holdMinutes: input.holdMinutes ?? DEFAULT_HOLD_MINUTES,
    ...(input.totalCapacity === undefined ? {} : { inventoryShards: shardCount(input.totalCapacity) }),
    createdAt: at,
    updatedAt: at,
  };
  await db()
    .transaction.write((entities) => [
      entities.event.create(item).commit(),
      ...(input.totalCapacity === undefined ? [] : createPoolItems(entities, eventPool(eventId), input.totalCapacity)),
    ])
    .go();
  return toView(item);
}

export async function getEvent(id: string): Promise<EventView> {
  const event = await loadEvent(id);
  if (event.status !== 'canceled') return toView(event);
  const cancellation = await cancellationView(id);
  return { ...toView(event), ...(cancellation ? { cancellation } : {}) };
}

export async function listEvents(page: PageRequest): Promise<Page<EventView>> {
  const { data, cursor } = await db().entities.event.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

/**
 * Changes are refused on a canceled event, the currency is fixed once the
 * event leaves draft (prices were set in it), and the time range stays in
 * order against the stored half when only one end changes. All of it is one
 * conditional write, so a concurrent publish or cancel cannot slip between.
 */
export async function updateEvent(id: string, input: UpdateEventInput, ifMatch?: ExpectedRevision): Promise<EventView> {
  const { totalCapacity, ...rest } = input;
  // The capacity lives in the inventory pool, written before the event item: a stale If-Match must not resize it.
  if (totalCapacity !== undefined && ifMatch !== undefined) assertRevision('Event', id, await loadEvent(id), ifMatch);
  if (totalCapacity !== undefined) await setTotalCapacity(id, totalCapacity);
  const changes = definedOnly({ ...rest, startsAt: toUtc(input.startsAt), endsAt: toUtc(input.endsAt) });
  if (changes.venueId) {
    const { data: venue } = await db().entities.venue.get({ venueId: changes.venueId }).go();
    if (!venue) throw unprocessable('unknown_venue', `Venue ${changes.venueId} does not exist`, { venueId: changes.venueId });
  }
  try {
    const { data } = await db()
      .entities.event.patch({ eventId: id })
      .set(changes)
      .add(bump)
      .where((attr, op) =>
        [
          revisionCondition(attr, op, ifMatch),
          op.ne(attr.status, 'canceled'),
          changes.currency === undefined ? '' : op.eq(attr.status, 'draft'),
          changes.startsAt !== undefined && changes.endsAt === undefined ? op.gt(attr.endsAt, changes.startsAt) : '',
          changes.endsAt !== undefined && changes.startsAt === undefined ? op.lt(attr.startsAt, changes.endsAt) : '',
        ]
          .filter(Boolean)
          .join(' AND '),
      )
      .go({ response: 'all_new' });
    return toView(data as EventItem);
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
    const current = await loadEvent(id);
    assertRevision('Event', id, current, ifMatch);
    if (current.status === 'canceled') throw conflict('event_canceled', 'A canceled event cannot change');
    if (changes.currency !== undefined && current.status !== 'draft') {
      throw unprocessable('currency_locked', 'The currency can only change while the event is a draft');
    }
    throw unprocessable('invalid_time_range', 'startsAt must be before endsAt');
  }
}

/** The event-wide pool: created on first use, then grown or shrunk like a ticket type's. */
async function setTotalCapacity(id: string, capacity: number): Promise<void> {
  const current = await loadEvent(id, true);
  if (current.status === 'canceled') throw conflict('event_canceled', 'A canceled event cannot change');
  const poolId = eventPool(id);
  if (current.inventoryShards === undefined) {
    const created = await db()
      .transaction.write((entities) => [
        entities.event
          .patch({ eventId: id })
          .set({ totalCapacity: capacity, inventoryShards: shardCount(capacity) })
          .where((a, op) => op.notExists(a.inventoryShards))
          .commit(),
        ...createPoolItems(entities, poolId, capacity),
      ])
      .go();
    if (created.canceled) throw conflict('concurrent_update', 'The event changed meanwhile; try again');
    return;
  }
  await resizePool(poolId, current.inventoryShards, capacity, (entities) => [
    entities.event.patch({ eventId: id }).set({ totalCapacity: capacity }).commit(),
  ]);
}

async function transition(id: string, from: EventStatus[], to: EventStatus, ctx: RequestContext): Promise<EventView> {
  const at = nowIso();
  const stamp = to === 'published' ? { publishedAt: at } : { canceledAt: at };
  const current = await loadEvent(id);
  if (!from.includes(current.status)) {
    throw conflict('invalid_transition', `A ${current.status} event cannot become ${to}`, { eventStatus: current.status });
  }
  const next: EventItem = { ...current, ...stamp, status: to, updatedAt: at };
  // Canceling starts the refund job in the same transaction (cancellations/start.ts).
  const job = to === 'canceled' ? startCancellation(current, at, ctx) : undefined;
  const events =
    to === 'published'
      ? [
          domainEvent(
            'event.published',
            { eventId: id, venueId: current.venueId, name: current.name, startsAt: current.startsAt, endsAt: current.endsAt, publishedAt: at },
            ctx,
          ),
        ]
      : (job?.events ?? []);
  const result = await transactWithEvents(
    (entities) => [
      entities.event
        .patch({ eventId: id })
        .set({ status: to, ...stamp, updatedAt: at })
        .where((attr, op) => op.eq(attr.status, current.status))
        .commit(),
      ...(job ? job.items(entities) : []),
    ],
    events,
  );
  if (result.canceled) {
    // Someone else moved it first; report what it is now.
    const now = await loadEvent(id);
    throw conflict('invalid_transition', `A ${now.status} event cannot become ${to}`, { eventStatus: now.status });
  }
  if (!job) return toView(next);
  // Scans in this process refuse its tickets at once; elsewhere within the snapshot's lifetime.
  forgetEventSnapshot(id);
  const started = await cancellationView(id, true);
  return { ...toView(next), ...(started ? { cancellation: started } : {}) };
}

export const publishEvent = (id: string, ctx: RequestContext) => transition(id, ['draft'], 'published', ctx);

export const cancelEvent = (id: string, ctx: RequestContext) => transition(id, ['draft', 'published'], 'canceled', ctx);
