import type { PromoterAttribution } from '#events/catalog.ts';

export type FrozenRule = PromoterAttribution['rules'][number];

/**
 * A rule's commission when `net` of the order's `total` stays paid:
 * round(base × rateBps × net / (10000 × total)), half up, in exact integer
 * arithmetic (BigInt: the product passes 2^53 for large orders).
 */
export function commissionAt(rule: Pick<FrozenRule, 'base' | 'rateBps'>, total: number, net: number): number {
  if (total <= 0 || net <= 0) return 0;
  const numerator = BigInt(rule.base) * BigInt(rule.rateBps) * BigInt(Math.min(net, total));
  const denominator = 10_000n * BigInt(total);
  return Number((2n * numerator + denominator) / (2n * denominator));
}

/** Rules earned at sale (per-check-in ones are earned at the door). */
export const saleRules = (terms: PromoterAttribution): FrozenRule[] => terms.rules.filter((r) => r.basis !== 'per_check_in');

export interface LineDraft {
  ruleId: string;
  beneficiaryId: string;
  kind: 'sale' | 'refund' | 'leader_override' | 'leader_override_refund';
  amount: number;
}

const kindOf = (rule: FrozenRule, terms: PromoterAttribution, refund: boolean): LineDraft['kind'] => {
  const leader = rule.beneficiaryId !== terms.promoterId;
  if (refund) return leader ? 'leader_override_refund' : 'refund';
  return leader ? 'leader_override' : 'sale';
};

/** The sale's lines: each rule's commission on the whole total. */
export function saleLines(terms: PromoterAttribution, total: number): LineDraft[] {
  return saleRules(terms)
    .map((rule) => ({ ruleId: rule.ruleId, beneficiaryId: rule.beneficiaryId, kind: kindOf(rule, terms, false), amount: commissionAt(rule, total, total) }))
    .filter((l) => l.amount !== 0);
}

/**
 * A refund's lines: for each rule, the commission at the net paid after the
 * refund minus the commission before it (≤ 0). Refunds are booked one after
 * another on the order (each knows the refunded total after it), so their
 * intervals tile [0, total] and the lines telescope: after any sequence the
 * sale line plus its refund lines equal commissionAt(net paid) exactly, and
 * a full refund leaves zero.
 */
export function refundLines(terms: PromoterAttribution, total: number, refundedBefore: number, refundedAfter: number): LineDraft[] {
  return saleRules(terms)
    .map((rule) => ({
      ruleId: rule.ruleId,
      beneficiaryId: rule.beneficiaryId,
      kind: kindOf(rule, terms, true),
      amount: commissionAt(rule, total, total - refundedAfter) - commissionAt(rule, total, total - refundedBefore),
    }))
    .filter((l) => l.amount !== 0);
}
