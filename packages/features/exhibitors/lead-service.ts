import { stringify } from 'csv-stringify/sync';
import type { Principal } from '#packages/auth/principal.ts';
import { nowIso } from '#packages/core/clock.ts';
import { safeCell } from '#packages/core/csv-safe.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { notFound, unprocessable } from '#packages/core/errors.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import type { LeadView, QualifyLeadInput } from './contract.ts';
import { exhibitorFor, type ExhibitorItem } from './access.ts';
import { toLeadView, type LeadItem } from './lead-view.ts';

/** One Query of the exhibitor's own partition: no other exhibitor's lead can be in it. */
export async function listLeads(principal: Principal, eventId: string, exhibitorId: string, page: PageRequest): Promise<Page<LeadView>> {
  await exhibitorFor(principal, eventId, exhibitorId);
  const { data, cursor } = await db().entities.exhibitorLead.query.byExhibitor({ exhibitorId }).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toLeadView), nextCursor: cursor };
}

type Question = { id: string; label: string; options?: string[] };

function checkedAnswers(exhibitor: ExhibitorItem, answers: Record<string, string>): Record<string, string> {
  const questions = new Map(((exhibitor.leadQuestions as Question[] | undefined) ?? []).map((q) => [q.id, q]));
  const errors: Array<{ path: string; message: string }> = [];
  for (const [id, answer] of Object.entries(answers)) {
    const q = questions.get(id);
    if (!q) errors.push({ path: `body.answers.${id}`, message: "not one of the exhibitor's questions" });
    else if (q.options && !q.options.includes(answer)) errors.push({ path: `body.answers.${id}`, message: `must be one of: ${q.options.join(', ')}` });
  }
  if (errors.length) throw unprocessable('answers_invalid', "The answers do not fit the exhibitor's questions", { errors });
  return answers;
}

/** Rating, notes and answers to the exhibitor's own questions; answers merge into those given before. */
export async function qualifyLead(principal: Principal, eventId: string, exhibitorId: string, leadId: string, input: QualifyLeadInput): Promise<LeadView> {
  const exhibitor = await exhibitorFor(principal, eventId, exhibitorId);
  const { data: lead } = await db().entities.exhibitorLead.get({ exhibitorId, leadId }).go({ consistent: true });
  if (!lead) throw notFound('Lead', leadId);
  const answers = input.answers ? { ...((lead.answers as Record<string, string> | undefined) ?? {}), ...checkedAnswers(exhibitor, input.answers) } : undefined;
  try {
    const { data } = await db()
      .entities.exhibitorLead.patch({ exhibitorId, leadId })
      .set({ ...(input.rating !== undefined ? { rating: input.rating } : {}), ...(input.notes !== undefined ? { notes: input.notes } : {}), ...(answers ? { answers } : {}), updatedAt: nowIso() })
      .go({ response: 'all_new' });
    return toLeadView(data as LeadItem);
  } catch (error) {
    if (isConditionFailure(error)) throw notFound('Lead', leadId);
    throw error;
  }
}

/** Every lead of the exhibitor as CSV (csv-stringify; every text cell through the kit's formula-safe escaping). */
export async function exportLeads(principal: Principal, eventId: string, exhibitorId: string): Promise<string> {
  const exhibitor = await exhibitorFor(principal, eventId, exhibitorId);
  const { data } = await db().entities.exhibitorLead.query.byExhibitor({ exhibitorId }).go({ pages: 'all' });
  const questions = ((exhibitor.leadQuestions as Question[] | undefined) ?? []).map((q) => q.id);
  const header = ['leadId', 'shared', 'firstName', 'lastName', 'email', 'company', 'jobTitle', 'rating', 'notes', ...questions.map((q) => `answer:${q}`), 'scanCount', 'lastScannedAt'];
  const rows = data.map((l) => {
    const answers = (l.answers as Record<string, string> | undefined) ?? {};
    return [l.leadId, l.shared ? 'true' : 'false', l.firstName, l.lastName, l.email, l.company, l.jobTitle, l.rating, l.notes, ...questions.map((q) => answers[q]), l.scanCount ?? 0, l.lastScannedAt];
  });
  return stringify([header, ...rows], { cast: { string: safeCell } });
}
