import type { ConvertLeadInput, LeadConversionView } from './contract.ts';
import { logger } from '#packages/core/logger.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { nowIso } from '#packages/core/clock.ts';
import { ensureCompanyByDomain } from '#packages/features/companies/index.ts';
import { createContact, updateContact } from '#packages/features/contacts/index.ts';
import type { ContactItem } from '#packages/features/contacts/index.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, DomainError, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { opportunityCreation, stageIn } from '#packages/features/opportunities/index.ts';
import { toOpportunityView } from '#packages/features/opportunities/index.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { pipelineOrDefault } from '#packages/features/pipelines/index.ts';
import type { LeadItem } from './lead-facts.ts';
import { contactByEmail } from './lead-service.ts';
import { assertConvertible } from './lead-status.ts';
import { toLeadView } from './lead-view.ts';
import { isNewestLeadOf, statusChangeEvents, statusChangeItems } from './status-effects.ts';

/** How far ahead an opportunity is expected to close when the converter does not say. */
const DEFAULT_CLOSE_DAYS = 30;

const daysFromToday = (days: number) => new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The lead's contact: its own, else the contact that has its email (dedup),
 * else a new one. Two converters creating it at once meet at the email
 * guard; the loser takes the winner's contact.
 */
async function ensureContact(lead: LeadItem, ctx: RequestContext): Promise<ContactItem> {
  if (lead.contactId) {
    const { data } = await db().entities.contact.get({ contactId: lead.contactId }).go({ consistent: true });
    if (data) return data;
  }
  const existing = await contactByEmail(lead.email);
  if (existing) return existing;
  try {
    await createContact(
      { email: lead.email, firstName: lead.firstName, lastName: lead.lastName, phone: lead.phone, leadSource: lead.source },
      ctx,
    );
  } catch (error) {
    if (!(error instanceof DomainError && error.code === 'duplicate')) throw error;
  }
  const created = await contactByEmail(lead.email);
  if (!created) throw new Error(`the contact for ${lead.email} vanished while converting`);
  return created;
}

interface CompanyPlan {
  companyId: string | undefined;
  /** A company to create in the conversion's transaction (a name without a usable domain). */
  create?: { companyId: string; name: string };
}

/**
 * The lead's company: the one it already points at, else the one owning its
 * domain (reused, or created race-safely by ensureCompanyByDomain), else a
 * new company by name, created only by the conversion that wins.
 */
async function planCompany(lead: LeadItem, contact: ContactItem, ctx: RequestContext): Promise<CompanyPlan> {
  if (lead.companyId) {
    const { data } = await db().entities.company.get({ companyId: lead.companyId }).go({ consistent: true });
    if (data) return { companyId: data.companyId };
  }
  if (lead.companyDomain) {
    const { companyId } = await ensureCompanyByDomain({ domain: lead.companyDomain, name: lead.companyName }, ctx);
    return { companyId };
  }
  if (contact.companyId) return { companyId: contact.companyId };
  if (lead.companyName) {
    const companyId = newId();
    return { companyId, create: { companyId, name: lead.companyName } };
  }
  return { companyId: undefined };
}

function opportunityNameOf(lead: LeadItem): string {
  const person = [lead.firstName, lead.lastName].filter(Boolean).join(' ');
  return `${lead.companyName ?? (person || lead.email)} deal`;
}

/** The contact joins the company when it has none yet (the contact service keeps the company's count). */
async function linkContact(contact: ContactItem, companyId: string | undefined, ctx: RequestContext): Promise<void> {
  if (!companyId || contact.companyId || contact.state === 'trashed') return;
  try {
    await updateContact(contact.contactId, { companyId }, ctx);
  } catch (error) {
    // The conversion has committed; a contact that changed meanwhile keeps its own company.
    logger.warn('convert: contact not linked to its company', { contactId: contact.contactId, companyId, error: (error as Error).message });
  }
}

/**
 * `POST /v1/leads/{id}/convert`: the contact (existing, by email, or new), the
 * company (reused by domain, else created) and an opportunity in the
 * pipeline's first stage. The lead's move to `converted` — conditional on
 * the status it was read with — commits in ONE transaction with the
 * opportunity, its first history line, the timeline lines, the contact's
 * `leadStatus` and `contact.updated`; of concurrent converts exactly one
 * commits, the others answer 409 `already_converted`.
 */
export async function convertLead(id: string, input: ConvertLeadInput, ctx: RequestContext): Promise<LeadConversionView> {
  const outcome = await withRaceRetries(async () => {
    const { data: lead } = await db().entities.lead.get({ leadId: id }).go({ consistent: true });
    if (!lead) throw notFound('Lead', id);
    assertConvertible(lead.status);
    const amount = input?.amount ?? lead.estimatedValue;
    if (!amount) throw unprocessable('amount_required', 'The lead has no estimatedValue; give the opportunity an amount');
    const pipeline = await pipelineOrDefault(input?.pipelineId, ctx).catch((error: unknown) => {
      if (error instanceof DomainError && error.kind === 'not_found') throw unprocessable('pipeline_not_found', `Pipeline ${input?.pipelineId} does not exist`);
      throw error;
    });
    const stage = stageIn(pipeline, undefined);
    const contact = await ensureContact(lead, ctx);
    const company = await planCompany(lead, contact, ctx);
    const at = nowIso();
    const opportunity = opportunityCreation(
      {
        name: input?.opportunityName ?? opportunityNameOf(lead),
        contactId: contact.contactId,
        companyId: company.companyId,
        amount,
        expectedCloseDate: input?.expectedCloseDate ?? daysFromToday(DEFAULT_CLOSE_DAYS),
        assignedTo: input?.assignedTo ?? lead.assignedTo ?? ctx.actorId,
        leadId: id,
      },
      pipeline,
      stage,
      ctx,
      at,
    );
    const converted = {
      status: 'converted' as const,
      statusChangedAt: at,
      contactId: contact.contactId,
      ...(company.companyId ? { companyId: company.companyId, convertedCompanyId: company.companyId } : {}),
      convertedContactId: contact.contactId,
      convertedOpportunityId: opportunity.item.opportunityId,
      convertedAt: at,
      updatedAt: at,
    };
    const change = {
      leadId: id,
      contactId: contact.contactId,
      from: lead.status,
      to: 'converted' as const,
      at,
      by: ctx.actorId,
      mirror: await isNewestLeadOf(contact.contactId, id),
    };
    const tx = namedTransaction<'lead' | 'opportunity' | 'statusChange' | 'company'>();
    const entities = tx.entities;
    tx.add(
      'lead',
      entities.lead
        .patch({ leadId: id })
        .set(converted)
        .where((attr, op) => op.eq(attr.status, lead.status))
        .commit(),
    )
      .add('opportunity', ...opportunity.items(entities))
      .add('statusChange', ...statusChangeItems(entities, change))
      .add(
        'company',
        ...(company.create
          ? [entities.company.create({ ...company.create, contactsCount: 0, createdBy: ctx.actorId, createdAt: at, updatedAt: at }).commit()]
          : []),
      );
    const result = await transactWithEvents(() => tx.items, statusChangeEvents(change, ctx));
    if (!result.canceled) return { lead: { ...lead, ...converted } as LeadItem, opportunity: opportunity.item, contact, companyId: company.companyId };
    if (tx.rejected(result, 'lead')) {
      // Another conversion (or a status change) got there first: read again and answer from what it is now.
      const { data: now } = await db().entities.lead.get({ leadId: id }).go({ consistent: true });
      if (now?.status === 'converted') throw conflict('already_converted', 'The lead has been converted already');
    }
    return RETRY;
  }, 5);
  if (outcome === RETRY) throw conflict('concurrent_update', 'The lead kept changing meanwhile; try again');
  await linkContact(outcome.contact, outcome.companyId, ctx);
  return { lead: toLeadView(outcome.lead), opportunity: toOpportunityView(outcome.opportunity) };
}
