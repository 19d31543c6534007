import { db } from '#packages/core/db/service.ts';
import type { EventFacts } from './event-facts.ts';
import type { EventHeader } from './tenant-events.ts';
import { ratio } from './periods.ts';

export interface CohortRow {
  /** The event the cohort first attended. */
  eventId: string;
  name: string;
  startsAt: string;
  /** Contacts whose first attended event this was. */
  size: number;
  /** Of them, how many attended at least one later event. */
  returned: number;
  returnRate: number;
}

export interface CohortReport {
  attendees: number;
  repeatAttendees: number;
  /** Attendees of two or more events / attendees. */
  repeatAttendeeRate: number;
  rows: CohortRow[];
}

/** The contacts who attended an event (C8: one Query of the event's partition). */
async function attendeesOf(eventId: string): Promise<string[]> {
  const { data } = await db().entities.eventAttendee.query.byEvent({ eventId }).go({ pages: 'all', attributes: ['contactId'] });
  return data.map((a) => a.contactId);
}

/**
 * Cohorts by first attended event: `events` are the organiser's events up to
 * the window's end, in start order, so a contact's first event is its first
 * ever (one that came before the window keeps it out of the window's
 * cohorts); rows and rates are for the events of the window (`inWindow`).
 * A contact returned if it attended any later event.
 */
export async function cohortReport(events: readonly EventHeader[], inWindow: (e: EventHeader) => boolean): Promise<CohortReport> {
  const attended = await Promise.all(events.map((e) => attendeesOf(e.eventId)));
  const firstOf = new Map<string, number>();
  const count = new Map<string, number>();
  const countInWindow = new Map<string, number>();
  attended.forEach((contacts, i) => {
    for (const c of contacts) {
      if (!firstOf.has(c)) firstOf.set(c, i);
      count.set(c, (count.get(c) ?? 0) + 1);
      if (inWindow(events[i]!)) countInWindow.set(c, (countInWindow.get(c) ?? 0) + 1);
    }
  });
  const rows = events.flatMap((e, i) => {
    if (!inWindow(e)) return [];
    const members = [...firstOf].filter(([, first]) => first === i).map(([c]) => c);
    const returned = members.filter((c) => (count.get(c) ?? 0) > 1).length;
    return [{ eventId: e.eventId, name: e.name, startsAt: e.startsAt, size: members.length, returned, returnRate: ratio(returned, members.length) }];
  });
  // Repeat attendees of the window: attended two or more of its events.
  const repeat = [...countInWindow.values()].filter((n) => n > 1).length;
  return { attendees: countInWindow.size, repeatAttendees: repeat, repeatAttendeeRate: ratio(repeat, countInWindow.size), rows };
}

export interface CustomerRow {
  email: string;
  currency: string;
  orders: number;
  events: number;
  tickets: number;
  /** Net of refunds. */
  spent: number;
}

/** Buyers ranked by what they spent (net) over the events' paid orders; ties by email. */
export function topCustomerRows(facts: readonly EventFacts[], limit: number): { customers: number; repeatCustomers: number; rows: CustomerRow[] } {
  const byBuyer = new Map<string, CustomerRow & { eventIds: Set<string> }>();
  for (const order of facts.flatMap((f) => f.orders)) {
    const key = `${order.buyerEmail}|${order.currency}`;
    let row = byBuyer.get(key);
    if (!row) byBuyer.set(key, (row = { email: order.buyerEmail, currency: order.currency, orders: 0, events: 0, tickets: 0, spent: 0, eventIds: new Set() }));
    row.orders += 1;
    row.tickets += order.admissions;
    row.spent += order.total - order.refunded;
    row.eventIds.add(order.eventId);
  }
  const all = [...byBuyer.values()].map(({ eventIds, ...row }) => ({ ...row, events: eventIds.size }));
  all.sort((a, b) => b.spent - a.spent || a.email.localeCompare(b.email));
  return { customers: all.length, repeatCustomers: all.filter((c) => c.events > 1).length, rows: all.slice(0, limit) };
}
