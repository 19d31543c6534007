import { db } from '#packages/core/db/service.ts';
import { eventFacts, type EventFacts } from './event-facts.ts';

export interface EventHeader {
  eventId: string;
  name: string;
  startsAt: string;
  currency: string;
  status: string;
}

/**
 * The organiser's events (the tenant's: one table per organiser), from the
 * events' gsi1 `all` partition, every page, draft events left out. A
 * tenant holds hundreds of events, not millions, so this Query is small.
 */
export async function organiserEvents(): Promise<EventHeader[]> {
  const { data } = await db().entities.event.query.all({}).go({ pages: 'all', attributes: ['eventId', 'name', 'startsAt', 'currency', 'status'] });
  return data
    .filter((e) => e.status !== 'draft')
    .map((e) => ({ eventId: e.eventId, name: e.name, startsAt: e.startsAt, currency: e.currency, status: e.status }))
    .sort((a, b) => a.startsAt.localeCompare(b.startsAt) || a.eventId.localeCompare(b.eventId));
}

/** Events starting in [from, to). */
export const startingIn = (events: readonly EventHeader[], from: string, to: string) =>
  events.filter((e) => e.startsAt >= from && e.startsAt < to);

/** The facts of several events, 4 at a time (each is a handful of Queries). */
export async function factsOf(events: readonly Pick<EventHeader, 'eventId'>[]): Promise<EventFacts[]> {
  const out: EventFacts[] = [];
  for (let i = 0; i < events.length; i += 4) {
    out.push(...(await Promise.all(events.slice(i, i + 4).map((e) => eventFacts(e.eventId)))));
  }
  return out;
}
