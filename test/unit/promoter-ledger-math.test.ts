import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PromoterAttribution } from '#events/catalog.ts';
import { commissionAt, refundLines, saleLines } from '#packages/features/promoters/ledger-math.ts';

const terms = (rules: PromoterAttribution['rules']): PromoterAttribution => ({
  promoterId: 'P',
  code: 'CODE',
  source: 'code',
  leaderId: 'L',
  approveAfter: '2027-01-01T00:00:00.000Z',
  rules,
});

const rule = fc.oneof(
  fc.record({ ruleId: fc.constant('pct'), basis: fc.constant('percent_of_net' as const), beneficiaryId: fc.constant('P'), base: fc.integer({ min: 1, max: 5_000_000 }), rateBps: fc.integer({ min: 1, max: 10_000 }) }),
  fc.record({ ruleId: fc.constant('fixed'), basis: fc.constant('fixed_per_ticket' as const), beneficiaryId: fc.constant('P'), base: fc.integer({ min: 1, max: 100_000 }), rateBps: fc.constant(10_000) }),
  fc.record({ ruleId: fc.constant('leader'), basis: fc.constant('percent_of_net' as const), beneficiaryId: fc.constant('L'), base: fc.integer({ min: 1, max: 5_000_000 }), rateBps: fc.integer({ min: 1, max: 2_000 }) }),
);

/** An order total and a sequence of refunds that never exceed it (the refund claims guarantee that), the last one possibly full. */
const refundSequence = fc.integer({ min: 1, max: 5_000_000 }).chain((total) =>
  fc.record({
    total: fc.constant(total),
    fractions: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 8 }),
    full: fc.boolean(),
  }),
);

describe('commission ledger arithmetic', () => {
  it('after any sequence of partial and full refunds, each rule’s lines sum to the frozen rate × the net paid', () => {
    fc.assert(
      fc.property(fc.uniqueArray(rule, { selector: (r) => r.ruleId, minLength: 1, maxLength: 3 }), refundSequence, (rules, { total, fractions, full }) => {
        const t = terms(rules);
        const lines = saleLines(t, total);
        let refunded = 0;
        const amounts = fractions.map((f) => Math.floor(f * (total - refunded)));
        for (const amount of [...amounts, ...(full ? [Infinity] : [])]) {
          const take = Math.min(amount, total - refunded);
          if (take <= 0) continue;
          lines.push(...refundLines(t, total, refunded, refunded + take));
          refunded += take;
        }
        const net = total - refunded;
        for (const r of rules) {
          const sum = lines.filter((l) => l.ruleId === r.ruleId).reduce((s, l) => s + l.amount, 0);
          expect(sum).toBe(commissionAt(r, total, net));
          // The frozen rate applied to the net, rounded once: never off by more than half a minor unit.
          expect(Math.abs(sum - (r.base * r.rateBps * net) / (10_000 * total))).toBeLessThanOrEqual(0.5);
        }
        if (full) expect(lines.reduce((s, l) => s + l.amount, 0)).toBe(0);
        // Refund lines never add commission.
        expect(lines.filter((l) => l.kind.endsWith('refund')).every((l) => l.amount < 0)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it('the leader override is the leader’s, the rest the promoter’s', () => {
    const t = terms([
      { ruleId: 'pct', basis: 'percent_of_net', beneficiaryId: 'P', base: 6000, rateBps: 1000 },
      { ruleId: 'leader', basis: 'percent_of_net', beneficiaryId: 'L', base: 6000, rateBps: 200 },
      { ruleId: 'door', basis: 'per_check_in', beneficiaryId: 'P', base: 100, rateBps: 10_000 },
    ]);
    expect(saleLines(t, 6000)).toEqual([
      { ruleId: 'pct', beneficiaryId: 'P', kind: 'sale', amount: 600 },
      { ruleId: 'leader', beneficiaryId: 'L', kind: 'leader_override', amount: 120 },
    ]);
    expect(refundLines(t, 6000, 0, 1000)).toEqual([
      { ruleId: 'pct', beneficiaryId: 'P', kind: 'refund', amount: -100 },
      { ruleId: 'leader', beneficiaryId: 'L', kind: 'leader_override_refund', amount: -20 },
    ]);
  });
});
