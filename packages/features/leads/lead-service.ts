import type { CreateLeadInput, LeadFilter, LeadView, UpdateLeadInput } from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { nowIso } from '#packages/core/clock.ts';
import { findCompanyByDomain } from '#packages/features/companies/index.ts';
import type { ContactItem } from '#packages/features/contacts/index.ts';
import { toE164 } from '#packages/core/phone.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { checkedCursor, type Page } from '#packages/core/pagination.ts';
import { definedOnly } from '#packages/core/views.ts';
import { companyDomainFor } from './free-mail.ts';
import { factsFrom, type CompanyFacts, type LeadItem } from './lead-facts.ts';
import { assertTransition } from './lead-status.ts';
import { toLeadView } from './lead-view.ts';
import { scoreLead } from './scoring.ts';
import { loadScoring } from './scoring-rules.ts';
import { isNewestLeadOf, statusChangeEvents, statusChangeItems, type LeadStatusChange } from './status-effects.ts';

async function contactById(contactId: string): Promise<ContactItem | null> {
  const { data } = await db().entities.contact.get({ contactId }).go({ consistent: true });
  return data;
}

/** The contact that already has this email, if any (the uniqueness guard is a GetItem). */
export async function contactByEmail(email: string): Promise<ContactItem | null> {
  const { data: guard } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  return guard ? contactById(guard.contactId) : null;
}

interface CompanyRef extends CompanyFacts {
  companyId: string;
  name?: string | undefined;
}

async function companyById(companyId: string | undefined): Promise<CompanyRef | null> {
  if (!companyId) return null;
  const { data } = await db().entities.company.get({ companyId }).go({ consistent: true });
  return data;
}

/** The known company of a lead: the one owning its domain, else its contact's. Found, never created (convert creates). */
async function knownCompany(domain: string | undefined, contact: ContactItem | null): Promise<CompanyRef | null> {
  const byDomain = domain ? await findCompanyByDomain(domain) : null;
  if (byDomain) return { ...byDomain, companyId: byDomain.id };
  return companyById(contact?.companyId);
}

const phoneOf = (phone: string | undefined) => (phone === undefined ? undefined : (toE164(phone) ?? phone));

/**
 * `POST /v1/leads`: for an existing contact (`contactId`, 422 if unknown) or
 * an inline person; an inline email that a contact already has links the
 * lead to that contact. Starts `new`, scored at once; the contact's timeline
 * and `leadStatus` learn of it in the same transaction.
 */
export async function createLead(input: CreateLeadInput, ctx: RequestContext): Promise<LeadView> {
  const contact = input.contactId ? await contactById(input.contactId) : await contactByEmail(input.person!.email);
  if (input.contactId && !contact) throw unprocessable('contact_not_found', `Contact ${input.contactId} does not exist`);
  const email = contact?.email ?? input.person?.email;
  // A lead is keyed by an email: a contact known by phone only needs one given with it.
  if (!email) throw unprocessable('contact_has_no_email', `Contact ${input.contactId} is known by phone only; give person.email with it`);
  const companyDomain = companyDomainFor(email, input.company?.domain);
  const company = await knownCompany(companyDomain, contact);
  const at = nowIso();
  const leadId = newId();
  const base = definedOnly({
    leadId,
    contactId: contact?.contactId,
    email,
    firstName: input.person?.firstName ?? contact?.firstName,
    lastName: input.person?.lastName ?? contact?.lastName,
    phone: phoneOf(input.person?.phone) ?? contact?.phone,
    companyName: input.company?.name ?? company?.name,
    companyDomain,
    companyId: company?.companyId,
    source: input.source,
    status: 'new' as const,
    statusChangedAt: at,
    estimatedValue: input.estimatedValue,
    probability: input.probability,
    assignedTo: input.assignedTo,
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  });
  const { rules, cap } = await loadScoring();
  const item = { ...base, score: scoreLead(factsFrom(base, company, contact), rules, cap) } as LeadItem;
  const change: LeadStatusChange | null = contact
    ? { leadId, contactId: contact.contactId, from: null, to: 'new', at, by: ctx.actorId, mirror: true }
    : null;
  const result = await transactWithEvents(
    (entities) => [entities.lead.create(item).commit(), ...(change ? statusChangeItems(entities, change) : [])],
    change ? statusChangeEvents(change, ctx) : [],
  );
  if (result.canceled) {
    // Only the contact can have vanished between the read and the write.
    throw unprocessable('contact_not_found', `Contact ${contact?.contactId} no longer exists`);
  }
  return toLeadView(item);
}

async function leadOrThrow(id: string): Promise<LeadItem> {
  const { data } = await db().entities.lead.get({ leadId: id }).go({ consistent: true });
  if (!data) throw notFound('Lead', id);
  return data;
}

export async function getLead(id: string): Promise<LeadView> {
  return toLeadView(await leadOrThrow(id));
}

/** One index per filter: status (gsi2), contact (gsi3), company (gsi4), else all (gsi1); newest first where the index sorts. */
export async function listLeads(filter: LeadFilter): Promise<Page<LeadView>> {
  const options = { limit: filter.limit, cursor: checkedCursor(filter.cursor), order: 'desc' as const };
  const { lead } = db().entities;
  const { data, cursor } = filter.contactId
    ? await lead.query.byContact({ contactId: filter.contactId }).go(options)
    : filter.companyId
      ? await lead.query.byCompany({ companyId: filter.companyId }).go(options)
      : filter.status
        ? await lead.query.byStatus({ status: filter.status }).go(options)
        : await lead.query.all({}).go(options);
  return { items: data.map(toLeadView), nextCursor: cursor };
}

type Removable = 'estimatedValue' | 'probability' | 'assignedTo' | 'companyId';

/**
 * `PATCH /v1/leads/{id}`: details, and `status` along the allowed moves. The
 * write is conditional on `updatedAt` (lost races re-read and re-check); a
 * status change writes the timeline line and the contact's `leadStatus` in
 * the same transaction, with `contact.updated` through the outbox. The score
 * is recomputed with the change.
 */
export async function updateLead(id: string, input: UpdateLeadInput, ctx: RequestContext): Promise<LeadView> {
  const outcome = await withRaceRetries(async () => {
    const current = await leadOrThrow(id);
    const statusChanges = input.status !== undefined && input.status !== current.status;
    if (statusChanges) assertTransition(current.status, input.status!);
    const email = input.person?.email;
    if (email !== undefined && email !== current.email && current.contactId) {
      throw unprocessable('email_from_contact', "This lead's email is its contact's; change the contact instead");
    }
    const contact = current.contactId ? await contactById(current.contactId) : null;
    // A new email moves the company domain only when the domain was the old email's (not one given explicitly).
    const emailMovesDomain = email !== undefined && email !== current.email && current.companyDomain === companyDomainFor(current.email, undefined);
    const domainChanges = input.company?.domain !== undefined || emailMovesDomain;
    const companyDomain = domainChanges ? companyDomainFor(email ?? current.email, input.company?.domain) : current.companyDomain;
    const company = domainChanges ? await knownCompany(companyDomain, contact) : await companyById(current.companyId);
    const at = nowIso();
    const set = definedOnly({
      email,
      firstName: input.person?.firstName,
      lastName: input.person?.lastName,
      phone: phoneOf(input.person?.phone),
      companyName: input.company?.name,
      companyDomain: domainChanges ? companyDomain : undefined,
      companyId: company?.companyId,
      source: input.source,
      status: statusChanges ? input.status : undefined,
      statusChangedAt: statusChanges ? at : undefined,
      estimatedValue: input.estimatedValue ?? undefined,
      probability: input.probability ?? undefined,
      assignedTo: input.assignedTo ?? undefined,
      updatedAt: at,
    });
    const remove: Removable[] = (['estimatedValue', 'probability', 'assignedTo'] as const).filter((k) => input[k] === null);
    if (!company && current.companyId) remove.push('companyId');
    if (domainChanges && companyDomain === undefined && current.companyDomain) (remove as string[]).push('companyDomain');
    const next = { ...current, ...set } as LeadItem;
    for (const key of remove) delete (next as Partial<LeadItem>)[key as keyof LeadItem];
    const { rules, cap } = await loadScoring();
    const score = scoreLead(factsFrom(next, company, contact), rules, cap);
    const change: LeadStatusChange | null =
      statusChanges && contact
        ? { leadId: id, contactId: contact.contactId, from: current.status, to: input.status!, at, by: ctx.actorId, mirror: await isNewestLeadOf(contact.contactId, id) }
        : null;
    const result = await transactWithEvents(
      (entities) => [
        entities.lead
          .patch({ leadId: id })
          .set({ ...set, score })
          .remove(remove as never[])
          .where((attr, op) => op.eq(attr.updatedAt, current.updatedAt))
          .commit(),
        ...(change ? statusChangeItems(entities, change) : []),
      ],
      change ? statusChangeEvents(change, ctx) : [],
    );
    // Canceled: the lead changed since it was read, or its contact vanished; read both again.
    return result.canceled ? RETRY : toLeadView({ ...next, score });
  }, 8);
  if (outcome === RETRY) throw conflict('concurrent_update', 'The lead kept changing meanwhile; read it and try again');
  return outcome;
}
