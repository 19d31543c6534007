import { nowIso } from '#packages/core/clock.ts';
import { attributionRows, type AttributionDimension } from './attribution-rows.ts';
import { cohortReport, topCustomerRows } from './customer-rows.ts';
import { eventFacts, type EventFacts } from './event-facts.ts';
import { eventRow } from './event-rows.ts';
import { type Interval } from './periods.ts';
import { revenueRows } from './revenue-rows.ts';
import { factsOf, organiserEvents, startingIn } from './tenant-events.ts';
import { velocityRows } from './velocity-rows.ts';

/** The reports' JSON answers; each has `rows`, which is also its CSV. */

const utc = (iso: string) => new Date(iso).toISOString();

interface Window {
  from: string;
  to: string;
}

async function eventsIn(window: Window) {
  const from = utc(window.from);
  const to = utc(window.to);
  return { from, to, events: startingIn(await organiserEvents(), from, to) };
}

export async function eventsReport(window: Window) {
  const { from, to, events } = await eventsIn(window);
  return { from, to, rows: (await factsOf(events)).map(eventRow) };
}

/**
 * Sales happen before an event starts, so the sales of [from, to) belong to
 * events starting at or after `from`: those are read, and their orders
 * bucketed by when they were paid and refunded.
 */
export async function revenueReport(query: Window & { interval: Interval }) {
  const from = utc(query.from);
  const to = utc(query.to);
  const events = (await organiserEvents()).filter((e) => e.startsAt >= from);
  const facts = await factsOf(events);
  return { from, to, interval: query.interval, rows: revenueRows(facts.flatMap((f) => f.orders), from, to, query.interval) };
}

/** The event against every earlier event of the organiser (started before it). */
export async function velocityReport(eventId: string) {
  return velocityOf(await eventFacts(eventId));
}

export async function velocityOf(event: EventFacts) {
  const earlierEvents = (await organiserEvents()).filter((e) => e.startsAt < event.startsAt && e.eventId !== event.eventId && e.status !== 'canceled');
  const earlier = await factsOf(earlierEvents);
  return {
    event: eventRow(event),
    earlier: earlier.map((f) => ({ eventId: f.eventId, name: f.name, startsAt: f.startsAt, ticketsSold: f.ticketsSold })),
    rows: velocityRows(event, earlier, nowIso()),
  };
}

export async function cohortsReport(window: Window) {
  const { from, to, events } = await eventsIn(window);
  return { from, to, ...(await cohortReport(events)) };
}

export async function topCustomersReport(query: Window & { limit: number }) {
  const { from, to, events } = await eventsIn(query);
  return { from, to, ...topCustomerRows(await factsOf(events), query.limit) };
}

export async function attributionReport(query: Window & { by: AttributionDimension }) {
  const { from, to, events } = await eventsIn(query);
  return { from, to, by: query.by, rows: await attributionRows(await factsOf(events), query.by) };
}

