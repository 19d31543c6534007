import { nowIso } from '#packages/core/clock.ts';
import { attributionRows, type AttributionDimension } from './attribution-rows.ts';
import { cohortReport, topCustomerRows } from './customer-rows.ts';
import { eventFacts, type EventFacts } from './event-facts.ts';
import { eventRow } from './event-rows.ts';
import { type Interval } from './periods.ts';
import { revenueFromMetrics } from './revenue-metrics.ts';
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

/** Revenue over time from the metric store's day aggregates (revenue-metrics.ts). */
export async function revenueReport(query: Window & { interval: Interval }) {
  const from = utc(query.from);
  const to = utc(query.to);
  const currencyOfEvent = new Map((await organiserEvents()).map((e) => [e.eventId, e.currency]));
  return { from, to, interval: query.interval, rows: await revenueFromMetrics(from, to, query.interval, currencyOfEvent) };
}

/** How many of the organiser's earlier events a velocity report compares with: the most recent ones, so its reads stay bounded. */
export const EARLIER_EVENTS = 10;

/** The event against the organiser's most recent earlier events (started before it, not canceled). */
export async function velocityReport(eventId: string) {
  return velocityOf(await eventFacts(eventId));
}

export async function velocityOf(event: EventFacts) {
  const earlierEvents = (await organiserEvents())
    .filter((e) => e.startsAt < event.startsAt && e.eventId !== event.eventId && e.status !== 'canceled')
    .slice(-EARLIER_EVENTS);
  const earlier = await factsOf(earlierEvents);
  return {
    event: eventRow(event),
    earlier: earlier.map((f) => ({ eventId: f.eventId, name: f.name, startsAt: f.startsAt, ticketsSold: f.ticketsSold })),
    rows: velocityRows(event, earlier, nowIso()),
  };
}

export async function cohortsReport(window: Window) {
  const from = utc(window.from);
  const to = utc(window.to);
  const upToEnd = (await organiserEvents()).filter((e) => e.startsAt < to);
  return { from, to, ...(await cohortReport(upToEnd, (e) => e.startsAt >= from)) };
}

export async function topCustomersReport(query: Window & { limit: number }) {
  const { from, to, events } = await eventsIn(query);
  return { from, to, ...topCustomerRows(await factsOf(events), query.limit) };
}

export async function attributionReport(query: Window & { by: AttributionDimension }) {
  const { from, to, events } = await eventsIn(query);
  return { from, to, by: query.by, rows: await attributionRows(await factsOf(events), query.by) };
}

