/** Report windows and time buckets, all in UTC. */

export type Interval = 'day' | 'week' | 'month';

const DAY_MS = 86_400_000;

/** The start of the bucket `iso` falls in: the day, the ISO week (from Monday) or the month. */
export function bucketOf(iso: string, interval: Interval): string {
  const t = new Date(iso);
  const day = Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate());
  if (interval === 'day') return new Date(day).toISOString();
  if (interval === 'month') return new Date(Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), 1)).toISOString();
  const sinceMonday = (t.getUTCDay() + 6) % 7;
  return new Date(day - sinceMonday * DAY_MS).toISOString();
}

/** Every bucket start from the one holding `from` to the last before `to`, so empty periods show as zero. */
export function bucketsBetween(from: string, to: string, interval: Interval, max = 1000): string[] {
  const out: string[] = [];
  let cursor = bucketOf(from, interval);
  while (cursor < to && out.length < max) {
    out.push(cursor);
    const t = new Date(cursor);
    const next =
      interval === 'day' ? Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 1)
      : interval === 'week' ? Date.UTC(t.getUTCFullYear(), t.getUTCMonth(), t.getUTCDate() + 7)
      : Date.UTC(t.getUTCFullYear(), t.getUTCMonth() + 1, 1);
    cursor = new Date(next).toISOString();
  }
  return out;
}

/** Whole days between a moment and an event's start (0 on the day itself and after it). */
export function daysBefore(at: string, startsAt: string): number {
  return Math.max(0, Math.floor((Date.parse(startsAt) - Date.parse(at)) / DAY_MS));
}

/** A ratio rounded to 4 decimals, 0 when there is nothing to divide by. */
export const ratio = (part: number, whole: number) => (whole > 0 ? Math.round((part / whole) * 10_000) / 10_000 : 0);
