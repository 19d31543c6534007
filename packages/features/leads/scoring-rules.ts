import type { EntityItem } from 'electrodb';
import type {
  CreateLeadScoringRuleInput,
  LeadScoringRuleView,
  LeadScoringSettingsView,
  UpdateLeadScoringRuleInput,
} from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { leadScoringRuleEntity } from '#packages/core/db/entities/lead-scoring-rule.ts';
import { DEFAULT_SCORE_CAP } from '#packages/core/db/entities/lead-scoring-settings.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, invalid, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import type { Page } from '#packages/core/pagination.ts';
import { definedOnly } from '#packages/core/views.ts';
import { NUMERIC_FIELDS, type ScoringRule } from './scoring.ts';

type RuleItem = EntityItem<typeof leadScoringRuleEntity>;

/** Rules are read whole by every scoring; 100 keeps that one small Query. */
export const MAX_RULES = 100;

export interface ScoringConfig {
  rules: ScoringRule[];
  cap: number;
}

const toRuleView = ({ ruleId, ...item }: RuleItem): LeadScoringRuleView => ({ id: ruleId, ...item }) as LeadScoringRuleView;

/** Every rule and the cap: one Query of the `leadScoring` collection. */
export async function loadScoring(): Promise<ScoringConfig & { ruleItems: RuleItem[]; settingsUpdatedAt: string | null }> {
  const { data } = await db().collections.leadScoring({}).go({ pages: 'all' });
  const settings = data.leadScoringSettings[0];
  return {
    ruleItems: data.leadScoringRule,
    rules: data.leadScoringRule.map(({ field, op, value, points }) => ({ field, op, value, points })),
    cap: settings?.cap ?? DEFAULT_SCORE_CAP,
    settingsUpdatedAt: settings?.updatedAt ?? null,
  };
}

/**
 * What a rule must be beyond its schema: numeric comparisons and `per` on
 * numeric facts with a number, `in` with a list, `eq`/`neq` with one value of
 * the field's type, `exists` with none. Throws 400 `validation_failed`.
 */
export function checkRule(rule: ScoringRule): void {
  const numeric = NUMERIC_FIELDS.has(rule.field);
  const { op, value } = rule;
  const fail = (message: string): never => {
    throw invalid('validation_failed', `The rule does not fit its field: ${message}`, { errors: [{ path: 'body.value', message }] });
  };
  const fits = (v: unknown) => (numeric ? typeof v === 'number' : typeof v === 'string');
  const kind = numeric ? 'a number' : 'a string';
  if (op === 'exists') {
    if (value !== undefined) fail('`exists` takes no value');
  } else if (op === 'per') {
    if (!numeric) fail(`\`per\` counts numeric facts; ${rule.field} is not one`);
    if (value !== undefined && !(typeof value === 'number' && value > 0)) fail('`per` takes an optional unit size above 0');
  } else if (op === 'in') {
    if (!Array.isArray(value) || value.length === 0 || !value.every(fits)) fail(`\`in\` takes a non-empty list of ${kind}s`);
  } else if (op === 'eq' || op === 'neq') {
    if (!fits(value)) fail(`${rule.field} compares with ${kind}`);
  } else {
    if (!numeric) fail(`\`${op}\` compares numbers; ${rule.field} is not one`);
    if (typeof value !== 'number') fail(`\`${op}\` needs a number`);
  }
}

const changed = (reason: string, ctx: RequestContext, ruleId?: string) =>
  domainEvent('lead_scoring_rules.changed', definedOnly({ reason, ruleId }) as { reason: string; ruleId?: string }, ctx);

export async function createRule(input: CreateLeadScoringRuleInput, ctx: RequestContext): Promise<LeadScoringRuleView> {
  checkRule(input);
  const { ruleItems } = await loadScoring();
  if (ruleItems.length >= MAX_RULES) throw conflict('too_many_rules', `At most ${MAX_RULES} lead-scoring rules`);
  const at = nowIso();
  const item = definedOnly({ ...input, ruleId: newId(), createdAt: at, updatedAt: at }) as RuleItem;
  const result = await transactWithEvents(({ leadScoringRule }) => [leadScoringRule.create(item).commit()], [changed('created', ctx, item.ruleId)]);
  if (result.canceled) throw conflict('concurrent_update', 'The rule could not be created; try again');
  return toRuleView(item);
}

export async function listRules(): Promise<Page<LeadScoringRuleView>> {
  const { ruleItems } = await loadScoring();
  return { items: ruleItems.map(toRuleView), nextCursor: null };
}

async function ruleOrThrow(id: string): Promise<RuleItem> {
  const { data } = await db().entities.leadScoringRule.get({ ruleId: id }).go({ consistent: true });
  if (!data) throw notFound('Lead-scoring rule', id);
  return data;
}

export async function getRule(id: string): Promise<LeadScoringRuleView> {
  return toRuleView(await ruleOrThrow(id));
}

export async function updateRule(id: string, input: UpdateLeadScoringRuleInput, ctx: RequestContext): Promise<LeadScoringRuleView> {
  const current = await ruleOrThrow(id);
  const next = { ...current, ...definedOnly(input), value: input.value === null ? undefined : (input.value ?? current.value) };
  checkRule(next);
  const at = nowIso();
  const { value, ...rest } = definedOnly({ ...input, value: input.value ?? undefined });
  const tx = namedTransaction<'rule'>();
  tx.add(
    'rule',
    tx.entities.leadScoringRule
      .patch({ ruleId: id })
      .set({ ...rest, ...(value === undefined ? {} : { value }), updatedAt: at })
      .remove(input.value === null ? ['value'] : [])
      .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
      .commit(),
  );
  const result = await transactWithEvents(() => tx.items, [changed('updated', ctx, id)]);
  if (result.canceled) {
    if (tx.rejected(result, 'rule')) throw conflict('concurrent_update', 'The rule changed meanwhile; read it and try again');
    throw conflict('concurrent_update', 'The rule could not be changed; try again');
  }
  return toRuleView(definedOnly({ ...next, updatedAt: at }) as RuleItem);
}

export async function deleteRule(id: string, ctx: RequestContext): Promise<void> {
  const tx = namedTransaction<'rule'>();
  tx.add('rule', tx.entities.leadScoringRule.delete({ ruleId: id }).where((attr, op) => op.exists(attr.ruleId)).commit());
  const result = await transactWithEvents(() => tx.items, [changed('deleted', ctx, id)]);
  if (result.canceled) {
    if (tx.rejected(result, 'rule')) throw notFound('Lead-scoring rule', id);
    throw conflict('concurrent_update', 'The rule could not be deleted; try again');
  }
}

export async function getScoringSettings(): Promise<LeadScoringSettingsView> {
  const { cap, settingsUpdatedAt } = await loadScoring();
  return { cap, updatedAt: settingsUpdatedAt };
}

export async function updateScoringSettings(input: { cap: number }, ctx: RequestContext): Promise<LeadScoringSettingsView> {
  const at = nowIso();
  const result = await transactWithEvents(({ leadScoringSettings }) => [leadScoringSettings.put({ cap: input.cap, createdAt: at, updatedAt: at }).commit()], [
    changed('settings', ctx),
  ]);
  if (result.canceled) throw conflict('concurrent_update', 'The settings could not be saved; try again');
  return { cap: input.cap, updatedAt: at };
}
