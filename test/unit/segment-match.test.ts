import { describe, expect, it } from 'vitest';
import { SegmentFilter } from '#packages/features/segments/contract.ts';
import { matches, sameFilter, type SegmentFacts } from '#packages/features/segments/segment-filter.ts';

const EVENT = '01JD0000000000000000000001';
const OTHER_EVENT = '01JD0000000000000000000002';
const TYPE = '01JD0000000000000000000005';

const ana: SegmentFacts = {
  state: 'active',
  tags: ['VIP', 'press'],
  attendedEventIds: [EVENT],
  boughtTicketTypeIds: [TYPE],
  leadStatus: 'qualified',
  engagementScore: 40,
  lifetimeValueAmount: 12_000,
  lifetimeValueCurrency: 'EUR',
  marketingConsent: true,
};

describe('matches(filter, contact)', () => {
  it('tag: case-insensitive membership in the tag list', () => {
    expect(matches({ tag: 'vip' }, ana)).toBe(true);
    expect(matches({ tag: 'press' }, ana)).toBe(true);
    expect(matches({ tag: 'speaker' }, ana)).toBe(false);
    expect(matches({ tag: 'vip' }, { ...ana, tags: undefined })).toBe(false);
  });

  it('attendedEventId and boughtTicketTypeId', () => {
    expect(matches({ attendedEventId: EVENT }, ana)).toBe(true);
    expect(matches({ attendedEventId: OTHER_EVENT }, ana)).toBe(false);
    expect(matches({ boughtTicketTypeId: TYPE }, ana)).toBe(true);
    expect(matches({ boughtTicketTypeId: OTHER_EVENT }, ana)).toBe(false);
    expect(matches({ attendedEventId: EVENT }, { state: 'active' })).toBe(false);
  });

  it('leadStatus is an exact match', () => {
    expect(matches({ leadStatus: 'qualified' }, ana)).toBe(true);
    expect(matches({ leadStatus: 'new' }, ana)).toBe(false);
    expect(matches({ leadStatus: 'new' }, { state: 'active' })).toBe(false);
  });

  it('minEngagementScore is inclusive; no score counts as 0', () => {
    expect(matches({ minEngagementScore: 40 }, ana)).toBe(true);
    expect(matches({ minEngagementScore: 41 }, ana)).toBe(false);
    expect(matches({ minEngagementScore: 0 }, { state: 'active' })).toBe(true);
    expect(matches({ minEngagementScore: 1 }, { state: 'active' })).toBe(false);
  });

  it('minLifetimeValue compares amounts in the same currency only', () => {
    expect(matches({ minLifetimeValue: { amount: 12_000, currency: 'EUR' } }, ana)).toBe(true);
    expect(matches({ minLifetimeValue: { amount: 12_001, currency: 'EUR' } }, ana)).toBe(false);
    expect(matches({ minLifetimeValue: { amount: 100, currency: 'USD' } }, ana)).toBe(false);
    // Nothing bought: 0 in any currency.
    expect(matches({ minLifetimeValue: { amount: 0, currency: 'USD' } }, { state: 'active' })).toBe(true);
    expect(matches({ minLifetimeValue: { amount: 1, currency: 'EUR' } }, { state: 'active' })).toBe(false);
  });

  it('marketingConsent: true needs explicit consent; false takes everyone without it', () => {
    expect(matches({ marketingConsent: true }, ana)).toBe(true);
    expect(matches({ marketingConsent: false }, ana)).toBe(false);
    expect(matches({ marketingConsent: true }, { state: 'active' })).toBe(false);
    expect(matches({ marketingConsent: false }, { state: 'active', marketingConsent: false })).toBe(true);
    expect(matches({ marketingConsent: false }, { state: 'active' })).toBe(true);
  });

  it('every criterion must hold (AND)', () => {
    const filter = { tag: 'vip', attendedEventId: EVENT, minEngagementScore: 30, marketingConsent: true } as const;
    expect(matches(filter, ana)).toBe(true);
    expect(matches(filter, { ...ana, marketingConsent: false })).toBe(false);
    expect(matches(filter, { ...ana, engagementScore: 10 })).toBe(false);
    expect(matches(filter, { ...ana, tags: ['press'] })).toBe(false);
  });

  it('a trashed contact matches nothing', () => {
    expect(matches({ tag: 'vip' }, { ...ana, state: 'trashed' })).toBe(false);
    expect(matches({ minEngagementScore: 0 }, { state: 'trashed' })).toBe(false);
  });
});

describe('SegmentFilter schema', () => {
  it('needs at least one criterion', () => {
    expect(SegmentFilter.safeParse({}).success).toBe(false);
    expect(SegmentFilter.safeParse({ tag: 'vip' }).success).toBe(true);
  });

  it('refuses an unknown lead status, a negative score and a bad currency', () => {
    expect(SegmentFilter.safeParse({ leadStatus: 'hot' }).success).toBe(false);
    expect(SegmentFilter.safeParse({ minEngagementScore: -1 }).success).toBe(false);
    expect(SegmentFilter.safeParse({ minLifetimeValue: { amount: 100, currency: 'eur' } }).success).toBe(false);
  });
});

describe('sameFilter', () => {
  it('ignores key order at every level and absent criteria', () => {
    expect(
      sameFilter(
        { tag: 'vip', minLifetimeValue: { amount: 1, currency: 'EUR' } },
        { minLifetimeValue: { currency: 'EUR', amount: 1 } as never, tag: 'vip', leadStatus: undefined },
      ),
    ).toBe(true);
    expect(sameFilter({ tag: 'vip' }, { tag: 'VIP' })).toBe(false);
    expect(sameFilter({ tag: 'vip' }, { tag: 'vip', marketingConsent: true })).toBe(false);
  });
});
