import type { EventFacts } from './event-facts.ts';
import { daysBefore } from './periods.ts';

export interface VelocityRow {
  daysBefore: number;
  /** Tickets this event had sold by then; null for days still to come. */
  tickets: number | null;
  /** The mean of the earlier events' tickets sold by the same number of days before their start; null without earlier events. */
  earlierAverage: number | null;
}

/** Tickets sold by each day before start (cumulative), fully refunded orders left out. */
function cumulative(facts: EventFacts, horizon: number): number[] {
  const perDay = new Array<number>(horizon + 1).fill(0);
  for (const order of facts.orders) perDay[Math.min(horizon, daysBefore(order.paidAt, facts.startsAt))]! += order.admissions;
  // perDay[d] = sold d days before; by day d the event had sold everything at d or more days before.
  const byDay = new Array<number>(horizon + 1).fill(0);
  let running = 0;
  for (let d = horizon; d >= 0; d--) byDay[d] = running += perDay[d]!;
  return byDay;
}

/**
 * Sales velocity of an event against the organiser's earlier events, day by
 * day before start: from the first day any of them sold (at most `maxDays`)
 * down to the day itself.
 */
export function velocityRows(event: EventFacts, earlier: readonly EventFacts[], now: string, maxDays = 365): VelocityRow[] {
  const all = [event, ...earlier];
  const horizon = Math.min(maxDays, Math.max(0, ...all.flatMap((f) => f.orders.map((o) => daysBefore(o.paidAt, f.startsAt)))));
  const mine = cumulative(event, horizon);
  const theirs = earlier.map((f) => cumulative(f, horizon));
  const today = daysBefore(now, event.startsAt);
  const started = now >= event.startsAt;
  const rows: VelocityRow[] = [];
  for (let d = horizon; d >= 0; d--) {
    const future = !started && d < today;
    rows.push({
      daysBefore: d,
      tickets: future ? null : mine[d]!,
      earlierAverage: theirs.length ? Math.round((theirs.reduce((n, c) => n + c[d]!, 0) / theirs.length) * 100) / 100 : null,
    });
  }
  return rows;
}
