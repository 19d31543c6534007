import type { CheckInListView, CreateCheckInListInput } from './contract.ts';
import { nowIso, toUtc } from '#packages/core/clock.ts';
import { ttlCache } from '#packages/core/cache/ttl-cache.ts';
import { tableName } from '#packages/core/db/client.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';

/**
 * Lists and ticket types change rarely and every scan needs them, so each
 * process keeps an event's snapshot for CACHE_MS (one Query of the event's
 * partition: the `eventDetails` collection holds the event, its ticket types
 * and its lists). A miss (a list or type created a moment ago) reloads once.
 */
export const CACHE_MS = 30_000;

export interface CheckInListRules {
  listId: string;
  eventId: string;
  name: string;
  ticketTypeIds: string[];
  validFrom?: string | undefined;
  validUntil?: string | undefined;
  allowMultipleEntries: boolean;
  allowEntryAfterExit: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface EventSnapshot {
  eventExists: boolean;
  /**
   * The event's status as of the snapshot. Scans refuse a canceled event's
   * tickets from it, so learning of a cancellation costs no read of its own:
   * at once in the process that canceled (it drops its snapshot), within
   * CACHE_MS elsewhere (docs/api-conventions.md, Event cancellation).
   */
  eventStatus?: 'draft' | 'published' | 'canceled' | undefined;
  ticketTypes: Map<string, { id: string; name: string }>;
  lists: Map<string, CheckInListRules>;
}

// Keyed by table too: one process may serve several tables (tests).
const snapshots = ttlCache<EventSnapshot>(CACHE_MS);
const snapshotKey = (eventId: string) => `${tableName()}|${eventId}`;

async function loadSnapshot(eventId: string): Promise<EventSnapshot> {
  const { data } = await db().collections.eventDetails({ eventId }).go({ pages: 'all' });
  return {
    eventExists: data.event.length > 0,
    eventStatus: data.event[0]?.status,
    ticketTypes: new Map(data.ticketType.map((t) => [t.ticketTypeId, { id: t.ticketTypeId, name: t.name }])),
    lists: new Map(data.checkInList.map((l) => [l.listId, toRules(l)])),
  };
}

function toRules(l: Omit<CheckInListRules, 'ticketTypeIds'> & { ticketTypeIds?: string[] | undefined }): CheckInListRules {
  return { ...l, ticketTypeIds: l.ticketTypeIds ?? [] };
}

/**
 * The cached snapshot of an event (fresh = reload now). When it expires, the
 * scans in flight share one reload: a gate's burst after a quiet minute must
 * not turn into a Query per scanner.
 */
export function eventSnapshot(eventId: string, fresh = false): Promise<EventSnapshot> {
  if (fresh) snapshots.forget(snapshotKey(eventId));
  return snapshots.get(snapshotKey(eventId), () => loadSnapshot(eventId));
}

/** Drops this process's snapshot of an event (its status or lists just changed here). */
export function forgetEventSnapshot(eventId: string): void {
  snapshots.forget(snapshotKey(eventId));
}

/** Tests only. */
export function clearCheckInCache(): void {
  snapshots.clear();
}

/** The default list: the event id, every ticket type, one entry per ticket, re-entry after an exit. */
async function materializeDefaultList(eventId: string): Promise<void> {
  try {
    await db()
      .entities.checkInList.create({ eventId, listId: eventId, name: 'Default', ticketTypeIds: [], allowMultipleEntries: false, allowEntryAfterExit: true })
      .go();
  } catch (error) {
    if (!isConditionFailure(error)) throw error;
  }
}

/** A list's rules for scanning; the default list is created on first use. */
export async function checkInListRules(eventId: string, listId: string): Promise<CheckInListRules> {
  let snapshot = await eventSnapshot(eventId);
  let list = snapshot.lists.get(listId);
  if (!list) {
    snapshot = await eventSnapshot(eventId, true);
    list = snapshot.lists.get(listId);
  }
  if (!list && listId === eventId && snapshot.eventExists) {
    await materializeDefaultList(eventId);
    snapshot = await eventSnapshot(eventId, true);
    list = snapshot.lists.get(listId);
  }
  if (!list) throw notFound('Check-in list', listId);
  return list;
}

/** Name of a ticket type of the event (cached). */
export async function ticketTypeName(eventId: string, ticketTypeId: string): Promise<string> {
  let found = (await eventSnapshot(eventId)).ticketTypes.get(ticketTypeId);
  if (!found) found = (await eventSnapshot(eventId, true)).ticketTypes.get(ticketTypeId);
  return found?.name ?? ticketTypeId;
}

export function toListView(l: CheckInListRules): CheckInListView {
  return {
    id: l.listId,
    eventId: l.eventId,
    name: l.name,
    ticketTypeIds: l.ticketTypeIds,
    ...(l.validFrom ? { validFrom: l.validFrom } : {}),
    ...(l.validUntil ? { validUntil: l.validUntil } : {}),
    allowMultipleEntries: l.allowMultipleEntries,
    allowEntryAfterExit: l.allowEntryAfterExit,
    createdAt: l.createdAt,
    updatedAt: l.updatedAt,
  };
}

export async function createCheckInList(eventId: string, input: CreateCheckInListInput): Promise<CheckInListView> {
  const snapshot = await eventSnapshot(eventId, true);
  if (!snapshot.eventExists) throw notFound('Event', eventId);
  const unknown = (input.ticketTypeIds ?? []).filter((id) => !snapshot.ticketTypes.has(id));
  if (unknown.length) throw unprocessable('unknown_ticket_type', 'Ticket types not of this event', { ticketTypeIds: unknown });
  const now = nowIso();
  const { data } = await db()
    .entities.checkInList.create({
      eventId,
      listId: newId(),
      name: input.name,
      ticketTypeIds: [...new Set(input.ticketTypeIds ?? [])],
      ...(input.validFrom ? { validFrom: toUtc(input.validFrom) } : {}),
      ...(input.validUntil ? { validUntil: toUtc(input.validUntil) } : {}),
      allowMultipleEntries: input.allowMultipleEntries ?? false,
      allowEntryAfterExit: input.allowEntryAfterExit ?? true,
      createdAt: now,
      updatedAt: now,
    })
    .go();
  snapshots.forget(snapshotKey(eventId));
  return toListView(toRules(data));
}

export async function listCheckInLists(eventId: string): Promise<CheckInListView[]> {
  const snapshot = await eventSnapshot(eventId, true);
  if (!snapshot.eventExists) throw notFound('Event', eventId);
  if (!snapshot.lists.has(eventId)) await checkInListRules(eventId, eventId);
  return [...(await eventSnapshot(eventId)).lists.values()].map(toListView);
}

export async function getCheckInList(eventId: string, listId: string): Promise<CheckInListView> {
  return toListView(await checkInListRules(eventId, listId));
}
