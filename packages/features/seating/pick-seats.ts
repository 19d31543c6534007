import type { EntityItem } from 'electrodb';
import type { seatingEntity } from '#packages/core/db/entities/seating.ts';
import { sharedReads } from '#packages/core/cache/shared-read.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, unprocessable } from '#packages/core/errors.ts';
import { bestAvailable } from './best-available.ts';
import type { BestAvailableInput } from './contract.ts';
import { refsOf } from './seat-service.ts';
import { sectionSeats, type SeatItem, type SeatRef } from './seat-store.ts';
import { clearTaken, markTaken, recentlyTaken } from './taken-hint.ts';
import { inRush, markRush, startPicking } from './rush-hint.ts';

type SeatingHead = EntityItem<typeof seatingEntity>;

export interface SeatRequest {
  seats?: string[] | undefined;
  bestAvailable?: BestAvailableInput | undefined;
}

/** Seats picked for an order, and the ticket-type quantities they are priced as. */
export interface SeatSelection {
  refs: SeatRef[];
  items: { ticketTypeId: string; quantity: number }[];
  /** Best available picks again after losing a race; named seats cannot. */
  canRepick: boolean;
}

/** Ticket types sold by seat: an order must name seats (or ask for best available) to buy them. */
export function seatedTicketTypes(head: SeatingHead | null | undefined): Set<string> {
  if (!head?.publishedVersion) return new Set();
  return new Set((head.categories ?? []).flatMap((c) => (c.ticketTypeId ? [c.ticketTypeId] : [])));
}

function itemsOf(seats: readonly { ticketTypeId?: string | undefined; seatGuid: string }[]) {
  const perType = new Map<string, number>();
  const unsold = seats.filter((s) => !s.ticketTypeId).map((s) => s.seatGuid);
  if (unsold.length) throw unprocessable('seat_not_for_sale', 'These seats belong to a category no ticket type sells', { seatGuids: unsold });
  for (const s of seats) perType.set(s.ticketTypeId!, (perType.get(s.ticketTypeId!) ?? 0) + 1);
  return [...perType].map(([ticketTypeId, quantity]) => ({ ticketTypeId, quantity }));
}

/** A named seat this process saw taken moments ago: read the named seats, and refuse without a transaction when one is not free. */
async function refuseTakenSeats(eventId: string, seats: readonly SeatRef[]): Promise<void> {
  const { data } = await db().entities.seat.get(seats.map(({ sectionId, seatGuid }) => ({ eventId, sectionId, seatGuid }))).go({ consistent: true });
  const taken = data.filter((s) => s.state !== 'free').map((s) => s.seatGuid);
  if (taken.length) {
    markTaken(eventId, taken);
    throw conflict('seats_taken', 'Some of these seats were just taken by someone else', { seatGuids: taken });
  }
  clearTaken(eventId, seats.map((s) => s.seatGuid));
}

/**
 * What seats an order takes: the named ones (their sections from the
 * published map), or the best block of a category read fresh from its
 * sections (one Query each; strongly consistent after a lost race). Null
 * when the order asks for no seats.
 */
export async function selectSeats(eventId: string, head: SeatingHead | null | undefined, request: SeatRequest, attempt = 0): Promise<SeatSelection | null> {
  if (!request.seats && !request.bestAvailable) return null;
  if (request.seats && request.bestAvailable) throw unprocessable('invalid_seat_request', 'Name seats or ask for best available, not both');
  if (!head?.publishedVersion) throw unprocessable('no_seat_map', 'This event has no published seat map');
  if (request.seats) {
    const seats = await refsOf(eventId, head.publishedVersion, request.seats);
    if (recentlyTaken(eventId, request.seats)) await refuseTakenSeats(eventId, seats);
    return { refs: seats.map(({ sectionId, seatGuid }) => ({ sectionId, seatGuid })), items: itemsOf(seats), canRepick: false };
  }
  const ask = request.bestAvailable!;
  const category = (head.categories ?? []).find((c) => c.name === ask.category);
  if (!category) throw unprocessable('unknown_category', `The seat map has no category ${ask.category}`, { category: ask.category });
  if (!category.ticketTypeId) throw unprocessable('seat_not_for_sale', `No ticket type sells category ${ask.category}`, { category: ask.category });
  const donePicking = startPicking(eventId, ask.category);
  let seats: SeatItem[];
  let rush: boolean;
  try {
    seats = (await Promise.all((category.sectionIds ?? []).map((s) => seatsToPickFrom(eventId, s, attempt)))).flat();
    // Asked after the read: whoever read the category meanwhile is picking from (nearly) the same view.
    rush = inRush(eventId, ask.category);
  } finally {
    donePicking();
  }
  // What this read saw taken also spares a buyer naming one of those seats a doomed transaction (taken-hint.ts).
  markTaken(eventId, seats.filter((s) => s.state !== 'free').map((s) => s.seatGuid));
  // A repick follows a lost race: the category is in a rush, and its next first attempts spread out too.
  if (attempt > 0) markRush(eventId, ask.category);
  const picked = pickFrom(seats, head, ask, category.ticketTypeId, attempt, rush || attempt > 0);
  if (picked) return picked;
  const free = seats.filter((s) => s.state === 'free' && s.category === ask.category).length;
  if (free >= ask.quantity) throw conflict('no_adjacent_seats', `No ${ask.quantity} adjacent seats left together in ${ask.category}`, { category: ask.category });
  throw conflict('sold_out', `Not enough seats left in ${ask.category}`, { category: ask.category });
}

const firstReads = sharedReads<SeatItem[]>();

/**
 * A first attempt reads eventually consistent and shares a read in flight with
 * the other buyers of the section (core/cache/shared-read.ts); a repick after
 * a lost race reads alone and strongly consistent, so it sees the winner.
 */
function seatsToPickFrom(eventId: string, sectionId: string, attempt: number): Promise<SeatItem[]> {
  if (attempt > 0) return sectionSeats(eventId, sectionId, true);
  return firstReads(`${eventId}#${sectionId}`, () => sectionSeats(eventId, sectionId));
}

/** Blocks a first attempt in a rush chooses among: about as many as buyers of one category race at once. */
const SPREAD = 6;

/** Best available on `seats`, or null when they hold no block for the ask. */
function pickFrom(seats: SeatItem[], head: SeatingHead, ask: BestAvailableInput, ticketTypeId: string, attempt: number, rush: boolean): SeatSelection | null {
  const chosen = bestAvailable(seats, {
    category: ask.category,
    quantity: ask.quantity,
    together: ask.together,
    focalPoint: head.focalPoint ?? { x: 0, y: 0 },
    // Concurrent buyers of a category all see the same best block: in a rush, choosing among a few that strand
    // nothing whoever wins spreads them out from the first attempt, and wider after each lost race.
    spread: rush ? Math.min(SPREAD + 2 * attempt, 2 * SPREAD) : 1,
  });
  if (!chosen) return null;
  return { refs: chosen.map(({ sectionId, seatGuid }) => ({ sectionId, seatGuid })), items: [{ ticketTypeId, quantity: chosen.length }], canRepick: true };
}
