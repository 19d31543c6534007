import type { PromoterAttribution } from '#events/catalog.ts';
import { findPromoter } from './attribution.ts';
import type { FrozenRule } from './ledger-math.ts';
import { loadPlan } from './plan-service.ts';

export interface TableAttributionRequest {
  eventId: string;
  eventEndsAt: string;
  promoterCode?: string | undefined;
  promoterToken?: string | undefined;
  /** The table's currency (its minimum spend's). */
  currency: string;
  now: string;
}

/**
 * A table booking's promoter (code, else the last link's click token, as an
 * order's; an unknown or inactive code is 422 `promoter_unknown`) and its
 * plan's `table`-scoped rules, frozen on the booking: a fixed amount per
 * booking or per arrival (`base`), or a rate (`rateBps`) of what the table
 * brought, known only at settlement (`base` 0 until then). A team leader's
 * override is a rate too. Later plan changes never reach the booking.
 */
export async function attributeTableBooking(req: TableAttributionRequest): Promise<PromoterAttribution | null> {
  const found = await findPromoter(req);
  if (!found) return null;
  const { promoter } = found;
  const plan = promoter.planId ? await loadPlan(promoter.planId) : null;
  const rules: FrozenRule[] = [];
  for (const rule of plan?.rules ?? []) {
    if (rule.scope !== 'table') continue;
    const beneficiaryId = promoter.promoterId;
    if (rule.basis === 'percent_of_net') rules.push({ ruleId: rule.ruleId, basis: rule.basis, beneficiaryId, base: 0, rateBps: rule.rateBps ?? 0 });
    else if (rule.amount && rule.currency === req.currency) rules.push({ ruleId: rule.ruleId, basis: rule.basis, beneficiaryId, base: rule.amount, rateBps: 10_000 });
  }
  if (promoter.leaderId && plan?.leaderOverrideBps) {
    rules.push({ ruleId: 'leader', basis: 'percent_of_net', beneficiaryId: promoter.leaderId, base: 0, rateBps: plan.leaderOverrideBps });
  }
  const approveAfter = new Date(Date.parse(req.eventEndsAt) + (plan?.holdDays ?? 7) * 86_400_000).toISOString();
  return {
    promoterId: promoter.promoterId,
    code: promoter.code,
    source: found.source,
    ...(found.slug ? { slug: found.slug } : {}),
    ...(promoter.leaderId ? { leaderId: promoter.leaderId } : {}),
    approveAfter,
    rules,
  };
}
