import type { EntityItem } from 'electrodb';
import type { CommissionPlanView, CreateCommissionPlanInput } from './contract.ts';
import type { commissionPlanEntity } from '#packages/core/db/entities/commission-plan.ts';
import { db } from '#packages/core/db/service.ts';
import { invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { withId } from '#packages/core/views.ts';

export type PlanItem = EntityItem<typeof commissionPlanEntity>;
export type PlanRule = PlanItem['rules'][number];

const toView = (item: PlanItem): CommissionPlanView => withId(item, 'planId');

export async function createPlan(input: CreateCommissionPlanInput): Promise<CommissionPlanView> {
  const rules = input.rules.map((r, i) => ({
    ruleId: r.ruleId ?? `r${i + 1}`,
    scope: r.scope,
    basis: r.basis,
    ...(r.ticketTypeIds?.length ? { ticketTypeIds: r.ticketTypeIds } : {}),
    ...(r.rateBps !== undefined ? { rateBps: r.rateBps } : {}),
    ...(r.amount ? { amount: r.amount.amount, currency: r.amount.currency } : {}),
  }));
  if (new Set(rules.map((r) => r.ruleId)).size !== rules.length) throw invalid('duplicate_rule', 'Rule ids must be unique within a plan');
  const { data } = await db()
    .entities.commissionPlan.create({ planId: newId(), name: input.name, holdDays: input.holdDays, rules, ...(input.leaderOverrideBps ? { leaderOverrideBps: input.leaderOverrideBps } : {}) })
    .go();
  return toView(data);
}

export async function loadPlan(planId: string): Promise<PlanItem | null> {
  const { data } = await db().entities.commissionPlan.get({ planId }).go();
  return data;
}

export async function getPlan(planId: string): Promise<CommissionPlanView> {
  const plan = await loadPlan(planId);
  if (!plan) throw notFound('Commission plan', planId);
  return toView(plan);
}

export async function listPlans(page: PageRequest): Promise<Page<CommissionPlanView>> {
  const { data, cursor } = await db().entities.commissionPlan.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}
