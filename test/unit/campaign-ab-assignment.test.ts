import fc from 'fast-check';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { assign } from '#packages/features/campaigns/ab/assignment.ts';
import { isMachineOpen } from '#packages/features/campaigns/ab/machine-open.ts';

const id = fc.constant(null).map(() => ulid());
const variantIds = fc.uniqueArray(fc.stringMatching(/^[a-z]{1,6}$/), { minLength: 2, maxLength: 5 });
const share = fc.integer({ min: 10, max: 100 });

describe('A/B assignment', () => {
  it('puts a contact in the same group and variant every time, and in exactly one', () => {
    fc.assert(
      fc.property(id, id, share, variantIds, (testId, contactId, testShare, variants) => {
        const first = assign(testId, contactId, testShare, variants);
        expect(assign(testId, contactId, testShare, variants)).toEqual(first);
        if (first.group === 'test') expect(variants).toContain(first.variant);
        else expect(first).toEqual({ group: 'rest' });
      }),
      { numRuns: 500 },
    );
  });

  it('splits an audience into disjoint groups that cover it: the test share near its percentage, the variants near even', () => {
    fc.assert(
      fc.property(id, share, variantIds, (testId, testShare, variants) => {
        const contacts = Array.from({ length: 4000 }, () => ulid());
        const byArm = new Map<string, Set<string>>();
        for (const c of contacts) {
          const a = assign(testId, c, testShare, variants);
          const arm = a.group === 'test' ? `v:${a.variant}` : 'rest';
          byArm.set(arm, (byArm.get(arm) ?? new Set()).add(c));
        }
        const sets = [...byArm.values()];
        // Disjoint and covering: the sizes add up to the audience, and no contact is in two arms.
        expect(sets.reduce((n, s) => n + s.size, 0)).toBe(contacts.length);
        expect(contacts.filter((c) => sets.filter((s) => s.has(c)).length !== 1)).toEqual([]);
        const inTest = contacts.length - (byArm.get('rest')?.size ?? 0);
        // 4000 draws: the share is within ±5 points (≈ 6 standard deviations).
        expect(Math.abs((inTest / contacts.length) * 100 - testShare)).toBeLessThan(5);
        if (testShare === 100) expect(byArm.has('rest')).toBe(false);
        for (const v of variants) {
          const got = byArm.get(`v:${v}`)?.size ?? 0;
          expect(Math.abs(got - inTest / variants.length)).toBeLessThan(Math.max(40, (inTest / variants.length) * 0.3));
        }
      }),
      { numRuns: 12 },
    );
  });

  it('assigns independently across tests (another test id reshuffles)', () => {
    const contacts = Array.from({ length: 2000 }, () => ulid());
    const [t1, t2] = [ulid(), ulid()];
    const same = contacts.filter((c) => JSON.stringify(assign(t1, c, 50, ['a', 'b'])) === JSON.stringify(assign(t2, c, 50, ['a', 'b']))).length;
    // Independent: about 1/2·1/2 + 1/4 + 1/4 = 37.5 % agree by chance, far from 100 %.
    expect(same / contacts.length).toBeGreaterThan(0.3);
    expect(same / contacts.length).toBeLessThan(0.45);
  });
});

describe('machine opens', () => {
  const sentAt = '2026-12-01T10:00:00.000Z';
  const browser = 'Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36';
  it('tells a proxy, a scanner or a too-early open from a person', () => {
    expect(isMachineOpen({ openedAt: '2026-12-01T10:00:03.000Z', sentAt, userAgent: browser })).toBe(true);
    expect(isMachineOpen({ openedAt: '2026-12-01T10:05:00.000Z', sentAt, deliveredAt: '2026-12-01T10:04:58.000Z', userAgent: browser })).toBe(true);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt, userAgent: 'Mozilla/5.0', ipAddress: '17.58.1.2' })).toBe(true);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt, userAgent: 'Mozilla/5.0 (compatible; Barracuda)' })).toBe(true);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt, userAgent: 'YahooMailProxy; https://help.yahoo.com' })).toBe(true);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt, userAgent: browser, ipAddress: '17.58.1.2' })).toBe(false);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt, userAgent: 'Mozilla/5.0 (Windows NT 5.1; rv:11.0) Gecko Firefox/11.0 (via ggpht.com GoogleImageProxy)' })).toBe(false);
    expect(isMachineOpen({ openedAt: '2026-12-01T11:00:00.000Z', sentAt })).toBe(false);
  });
});
