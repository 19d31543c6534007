import type { PromoterAttribution } from '#events/catalog.ts';
import { db } from '#packages/core/db/service.ts';
import { unprocessable } from '#packages/core/errors.ts';
import { ATTRIBUTION_WINDOW_MS } from './link-service.ts';
import type { FrozenRule } from './ledger-math.ts';
import { loadPlan } from './plan-service.ts';
import { promoterByCode, type PromoterItem } from './promoter-item.ts';

export interface AttributionRequest {
  eventId: string;
  eventEndsAt: string;
  promoterCode?: string | undefined;
  promoterToken?: string | undefined;
  lines: ReadonlyArray<{ ticketTypeId?: string | undefined; bundleId?: string | undefined; quantity: number; total: { amount: number; currency: string } }>;
  total: { amount: number; currency: string };
  now: string;
}

export interface Attribution {
  terms: PromoterAttribution;
  /** Promoter-only ticket types the buyer may buy through this attribution. */
  unlockedTicketTypeIds: ReadonlySet<string>;
}

const unknownCode = (code: string) => unprocessable('promoter_unknown', `No active promoter has the code ${code}`, { promoterCode: code });

async function byToken(token: string, eventId: string, now: string): Promise<{ promoter: PromoterItem; slug: string; unlocked: string[] } | null> {
  const { data: click } = await db().entities.promoterClick.get({ clickId: token }).go();
  if (!click || Date.parse(now) - Date.parse(click.clickedAt) > ATTRIBUTION_WINDOW_MS) return null;
  const [{ data: promoter }, { data: link }] = await Promise.all([
    db().entities.promoter.get({ promoterId: click.promoterId }).go(),
    db().entities.promoterLink.get({ slug: click.slug }).go(),
  ]);
  if (!promoter || promoter.status !== 'active') return null;
  return { promoter, slug: click.slug, unlocked: link && link.eventId === eventId ? (link.ticketTypeIds ?? []) : [] };
}

/** The promoter-only ticket types a click token unlocks for this event (none for an unknown, expired or other event's token). */
export async function unlockedTicketTypes(token: string | undefined, eventId: string, now: string): Promise<ReadonlySet<string>> {
  if (!token) return new Set();
  return new Set((await byToken(token, eventId, now))?.unlocked ?? []);
}

/** The plan's rules priced on this order, frozen into it. */
async function frozenRules(promoter: PromoterItem, req: AttributionRequest): Promise<{ rules: FrozenRule[]; holdDays: number }> {
  const plan = promoter.planId ? await loadPlan(promoter.planId) : null;
  if (!plan) return { rules: [], holdDays: 7 };
  const rules: FrozenRule[] = [];
  for (const rule of plan.rules) {
    if (rule.scope !== 'ticket_type') continue; // tables and guest lists earn elsewhere
    const types = rule.ticketTypeIds ?? [];
    const inScope = req.lines.filter((l) => (types.length ? l.ticketTypeId !== undefined && types.includes(l.ticketTypeId) : true));
    const beneficiaryId = promoter.promoterId;
    if (rule.basis === 'percent_of_net') {
      const base = inScope.reduce((s, l) => s + l.total.amount, 0);
      if (base > 0) rules.push({ ruleId: rule.ruleId, basis: rule.basis, beneficiaryId, base, rateBps: rule.rateBps ?? 0 });
    } else if (rule.currency === req.total.currency && rule.amount) {
      if (rule.basis === 'fixed_per_ticket') {
        const quantity = inScope.reduce((s, l) => s + l.quantity, 0);
        if (quantity > 0) rules.push({ ruleId: rule.ruleId, basis: rule.basis, beneficiaryId, base: rule.amount * quantity, rateBps: 10_000 });
      } else {
        rules.push({ ruleId: rule.ruleId, basis: rule.basis, beneficiaryId, base: rule.amount, rateBps: 10_000, ticketTypeIds: types });
      }
    }
  }
  if (promoter.leaderId && plan.leaderOverrideBps && req.total.amount > 0) {
    rules.push({ ruleId: 'leader', basis: 'percent_of_net', beneficiaryId: promoter.leaderId, base: req.total.amount, rateBps: plan.leaderOverrideBps });
  }
  return { rules, holdDays: plan.holdDays };
}

export interface FoundPromoter {
  promoter: PromoterItem;
  source: 'code' | 'link';
  slug?: string;
  unlocked: string[];
}

/** The promoter a code or a click token names (see attributeOrder); shared by orders and table bookings. */
export async function findPromoter(req: Pick<AttributionRequest, 'eventId' | 'promoterCode' | 'promoterToken' | 'now'>): Promise<FoundPromoter | null> {
  let found: FoundPromoter | null = null;
  if (req.promoterCode) {
    const promoter = await promoterByCode(req.promoterCode);
    if (!promoter || promoter.status !== 'active') throw unknownCode(req.promoterCode);
    found = { promoter, source: 'code', unlocked: [] };
    // A code and a token of the same promoter: the link's unlocked types still count.
    if (req.promoterToken) {
      const link = await byToken(req.promoterToken, req.eventId, req.now);
      if (link?.promoter.promoterId === promoter.promoterId) found.unlocked = link.unlocked;
    }
  } else if (req.promoterToken) {
    const link = await byToken(req.promoterToken, req.eventId, req.now);
    if (link) found = { promoter: link.promoter, source: 'link', slug: link.slug, unlocked: link.unlocked };
  }
  return found;
}

/**
 * Who gets the sale: an explicit promoter code (an unknown or inactive one
 * is refused, 422 `promoter_unknown`), else the click token of the last
 * link the buyer followed if it is within 30 days by the server's clock
 * (an expired or unknown token attributes nothing), else nobody.
 */
export async function attributeOrder(req: AttributionRequest): Promise<Attribution | null> {
  const found = await findPromoter(req);
  if (!found) return null;
  const { rules, holdDays } = await frozenRules(found.promoter, req);
  const approveAfter = new Date(Date.parse(req.eventEndsAt) + holdDays * 86_400_000).toISOString();
  const { promoter } = found;
  return {
    terms: {
      promoterId: promoter.promoterId,
      code: promoter.code,
      source: found.source,
      ...(found.slug ? { slug: found.slug } : {}),
      ...(promoter.leaderId ? { leaderId: promoter.leaderId } : {}),
      approveAfter,
      rules,
    },
    unlockedTicketTypeIds: new Set(found.unlocked),
  };
}
