import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { loadFacts, type LeadItem } from './lead-facts.ts';
import { isOpenLead, OPEN_LEAD_STATUSES } from './lead-status.ts';
import { scoreLead } from './scoring.ts';
import { loadScoring, type ScoringConfig } from './scoring-rules.ts';

/**
 * Recomputes one lead's score from the current facts and writes it only if
 * it changed, on the condition that the score is still the one read: a
 * rescore that read older facts loses to one that read newer facts and goes
 * round again. Recomputing from current facts is idempotent, so redelivered
 * events need no marker. Converted and disqualified leads keep the score they
 * closed with.
 */
export async function rescoreLead(leadId: string, config?: ScoringConfig): Promise<'changed' | 'unchanged' | 'gone'> {
  const outcome = await withRaceRetries(async () => {
    const { data: lead } = await db().entities.lead.get({ leadId }).go({ consistent: true });
    if (!lead) return 'gone' as const;
    if (!isOpenLead(lead.status)) return 'unchanged' as const;
    const { rules, cap } = config ?? (await loadScoring());
    const score = scoreLead(await loadFacts(lead), rules, cap);
    if (score === lead.score) return 'unchanged' as const;
    try {
      await db()
        .entities.lead.patch({ leadId })
        .set({ score })
        .where((attr, op) => op.eq(attr.score, lead.score))
        .go({ response: 'none' });
      return 'changed' as const;
    } catch (error) {
      if (isConditionFailure(error)) return RETRY;
      throw error;
    }
  }, 10);
  if (outcome === RETRY) throw new Error(`rescoreLead ${leadId} kept losing races`);
  return outcome;
}

async function rescoreAll(leadIds: readonly string[], config?: ScoringConfig): Promise<number> {
  let changed = 0;
  // A few at a time: a contact or company rarely has many leads, a rules change may touch thousands.
  for (let i = 0; i < leadIds.length; i += 10) {
    const results = await Promise.all(leadIds.slice(i, i + 10).map((id) => rescoreLead(id, config)));
    changed += results.filter((r) => r === 'changed').length;
  }
  return changed;
}

const ids = (leads: readonly Pick<LeadItem, 'leadId'>[]) => leads.map((l) => l.leadId);

/** The leads of a contact whose facts changed: one Query of `byContact`. */
export async function rescoreContactLeads(contactId: string): Promise<number> {
  const { data } = await db().entities.lead.query.byContact({ contactId }).go({ pages: 'all' });
  return rescoreAll(ids(data));
}

/** The leads of a company whose facts changed: one Query of `byCompany`. */
export async function rescoreCompanyLeads(companyId: string): Promise<number> {
  const { data } = await db().entities.lead.query.byCompany({ companyId }).go({ pages: 'all' });
  return rescoreAll(ids(data));
}

/**
 * Every open lead after a rules or cap change: page by page through
 * `byStatus` for each open status, the rules read once.
 */
export async function rescoreOpenLeads(): Promise<number> {
  const config = await loadScoring();
  let changed = 0;
  for (const status of OPEN_LEAD_STATUSES) {
    let cursor: string | null = null;
    do {
      const page: { data: LeadItem[]; cursor: string | null } = await db().entities.lead.query.byStatus({ status }).go({ cursor, limit: 100 });
      changed += await rescoreAll(ids(page.data), config);
      cursor = page.cursor;
    } while (cursor);
  }
  return changed;
}
