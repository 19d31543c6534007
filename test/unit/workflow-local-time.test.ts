import { describe, expect, it } from 'vitest';
import { localTimeOn } from '#packages/features/workflows/local-time.ts';
import { holds } from '#packages/features/workflows/conditions.ts';

describe('workflow waits in the venue time zone', () => {
  it('3 days before an event at 10:00 local, across a DST change', () => {
    // Starts 2026-03-30 20:00 in Madrid (CEST, UTC+2); 3 days before is 2026-03-27, still CET (UTC+1).
    const start = Date.parse('2026-03-30T18:00:00.000Z');
    expect(new Date(localTimeOn(start, -3, '10:00', 'Europe/Madrid')).toISOString()).toBe('2026-03-27T09:00:00.000Z');
  });

  it('the next morning at 09:00, when the local date differs from the UTC one', () => {
    // 23:30 on Dec 1 in New York is 04:30 UTC on Dec 2: "next morning" is Dec 2, 09:00 New York.
    const scan = Date.parse('2026-12-02T04:30:00.000Z');
    expect(new Date(localTimeOn(scan, 1, '09:00', 'America/New_York')).toISOString()).toBe('2026-12-02T14:00:00.000Z');
  });
});

describe('workflow conditions', () => {
  const facts = { event: { total: { amount: 12000 }, ticketTypeNames: ['VIP'] }, contact: { tags: ['vip'], firstName: 'Ada' } };
  it('AND/OR trees over the event and the contact', () => {
    expect(holds({ all: [{ path: 'event.total.amount', op: 'gte', value: 10000 }, { any: [{ path: 'contact.tags', op: 'contains', value: 'x' }, { path: 'event.ticketTypeNames', op: 'contains', value: 'VIP' }] }] }, facts)).toBe(true);
    expect(holds({ all: [{ path: 'event.total.amount', op: 'gt', value: 12000 }, { path: 'contact.firstName', op: 'eq', value: 'Ada' }] }, facts)).toBe(false);
    expect(holds({ path: 'contact.lastName', op: 'not_exists' }, facts)).toBe(true);
    expect(holds({ path: 'event.total.amount', op: 'gt', value: '100' }, facts)).toBe(false);
  });
});
