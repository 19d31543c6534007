import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '#packages/features/workflows/schedule-times.ts';

const berlin = (instant: number) =>
  new Intl.DateTimeFormat('en-GB', { timeZone: 'Europe/Berlin', weekday: 'short', year: 'numeric', month: '2-digit', day: '2-digit', hour: '2-digit', minute: '2-digit' }).format(instant);

describe('schedule trigger: next occurrence', () => {
  const mondays = { type: 'schedule' as const, days: ['mon' as const], at: '09:00', timezone: 'Europe/Berlin', segmentId: 'x' };

  it('every Monday 09:00 Berlin: the coming Monday, then the one after', () => {
    const wednesday = Date.parse('2026-12-02T12:00:00Z');
    const first = nextOccurrence(mondays, wednesday);
    expect(new Date(first).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(new Date(nextOccurrence(mondays, first)).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('on the day itself: later the same day when the time is still ahead, else next week', () => {
    expect(new Date(nextOccurrence(mondays, Date.parse('2026-12-07T07:59:00Z'))).toISOString()).toBe('2026-12-07T08:00:00.000Z');
    expect(new Date(nextOccurrence(mondays, Date.parse('2026-12-07T08:00:00Z'))).toISOString()).toBe('2026-12-14T08:00:00.000Z');
  });

  it('keeps the local time across a DST change (09:00 Berlin is 08:00 UTC in winter, 07:00 in summer)', () => {
    const before = Date.parse('2027-03-24T12:00:00Z');
    const at = nextOccurrence(mondays, before);
    expect(new Date(at).toISOString()).toBe('2027-03-29T07:00:00.000Z');
    expect(berlin(at)).toBe('Mon, 29/03/2027, 09:00');
  });

  it('every day when no days are given; several days', () => {
    const daily = { ...mondays, days: undefined, at: '18:30', timezone: 'UTC' };
    expect(new Date(nextOccurrence(daily, Date.parse('2026-12-02T19:00:00Z'))).toISOString()).toBe('2026-12-03T18:30:00.000Z');
    const weekend = { ...mondays, days: ['sat' as const, 'sun' as const], timezone: 'America/New_York' };
    const sat = nextOccurrence(weekend, Date.parse('2026-12-02T12:00:00Z'));
    expect(new Date(sat).toISOString()).toBe('2026-12-05T14:00:00.000Z');
    expect(new Date(nextOccurrence(weekend, sat)).toISOString()).toBe('2026-12-06T14:00:00.000Z');
  });
});
