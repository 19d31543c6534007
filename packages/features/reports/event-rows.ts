import type { EventFacts } from './event-facts.ts';
import { ratio } from './periods.ts';

/** Sell-through, attendance and no-shows of one event. */
export interface EventRow {
  eventId: string;
  name: string;
  startsAt: string;
  currency: string;
  capacity: number;
  ticketsSold: number;
  /** ticketsSold / capacity. */
  sellThrough: number;
  revenue: number;
  orders: number;
  checkedIn: number;
  /** Admissions scanned / tickets sold (capped at 1: re-entries count again on the scanner). */
  attendanceRate: number;
  noShowRate: number;
}

export function eventRow(facts: EventFacts): EventRow {
  const attended = Math.min(facts.checkedIn, facts.ticketsSold);
  const attendanceRate = ratio(attended, facts.ticketsSold);
  return {
    eventId: facts.eventId,
    name: facts.name,
    startsAt: facts.startsAt,
    currency: facts.currency,
    capacity: facts.capacity,
    ticketsSold: facts.ticketsSold,
    sellThrough: ratio(facts.ticketsSold, facts.capacity),
    revenue: facts.revenue,
    orders: facts.orders.length,
    checkedIn: facts.checkedIn,
    attendanceRate,
    noShowRate: facts.ticketsSold > 0 ? ratio(facts.ticketsSold - attended, facts.ticketsSold) : 0,
  };
}
