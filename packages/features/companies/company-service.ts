import type { EntityItem } from 'electrodb';
import type { CompanyView, CreateCompanyInput, UpdateCompanyInput } from './contract.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import type { RequestContext } from '#packages/core/context.ts';
import type { companyEntity } from '#packages/core/db/entities/company.ts';
import { allOf, assertRevision, bump, revisionCondition, revisionOf, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import { db } from '#packages/core/db/service.ts';
import { namedTransaction } from '#packages/core/db/named-transaction.ts';
import { conflict, notFound } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { definedOnly, withId } from '#packages/core/views.ts';
import { normalizeDomain } from '#packages/core/domain-name.ts';

type CompanyItem = EntityItem<typeof companyEntity>;

export const toCompanyView = ({ contactsCount, ...item }: CompanyItem): CompanyView => ({
  ...withId(item, 'companyId'),
  contactsCount: contactsCount ?? 0,
});

async function duplicateOf(domain: string): Promise<never> {
  const { data } = await db().entities.companyDomain.get({ domain }).go({ consistent: true });
  throw conflict('duplicate', `A company with the domain ${domain} already exists`, { existingId: data?.companyId });
}

/** The company and, when it has a domain, the guard claiming it: one transaction, so a domain is never taken twice. */
/** A new company and, when it has a domain, the domain's uniqueness guard. */
function creation(item: CompanyItem) {
  const tx = namedTransaction<'domainGuard' | 'company'>();
  const { companyDomain, company } = tx.entities;
  return tx
    .add('domainGuard', ...(item.domain ? [companyDomain.create({ domain: item.domain, companyId: item.companyId }).commit()] : []))
    .add('company', company.create(item).commit());
}

function newCompany(input: Omit<CreateCompanyInput, 'domain'> & { domain?: string | undefined }, ctx: RequestContext): CompanyItem {
  const at = nowIso();
  return definedOnly({
    ...input,
    companyId: newId(),
    contactsCount: 0,
    createdBy: ctx.actorId,
    createdAt: at,
    updatedAt: at,
  }) as CompanyItem;
}

/** `POST /v1/companies`: a domain already known in any spelling is a 409 `duplicate` with the existing id. */
export async function createCompany(input: CreateCompanyInput, ctx: RequestContext): Promise<CompanyView> {
  const item = newCompany({ ...input, domain: input.domain === undefined ? undefined : normalizeDomain(input.domain) }, ctx);
  const tx = creation(item);
  const result = await tx.go();
  if (result.canceled) {
    if (item.domain && tx.rejected(result, 'domainGuard')) return duplicateOf(item.domain);
    throw conflict('concurrent_update', 'The company could not be created; try again');
  }
  return toCompanyView(item);
}

/**
 * The company that owns `domain` (any spelling, or an email address), created
 * when there is none (lead conversion, imports). Race-safe: two callers with
 * one new domain both try the guarded create, one wins, the other reads the
 * winner's guard and reuses it.
 */
export async function ensureCompanyByDomain(
  input: { domain: string; name?: string; industry?: string },
  ctx: RequestContext,
): Promise<{ companyId: string; created: boolean }> {
  const domain = normalizeDomain(input.domain);
  const outcome = await withRaceRetries(async () => {
    const { data: guard } = await db().entities.companyDomain.get({ domain }).go({ consistent: true });
    if (guard) return { companyId: guard.companyId, created: false };
    const item = newCompany({ name: input.name?.trim() || domain, domain, industry: input.industry }, ctx);
    const result = await creation(item).go();
    if (!result.canceled) return { companyId: item.companyId, created: true };
    return RETRY;
  }, 10);
  if (outcome === RETRY) throw new Error(`ensureCompanyByDomain kept losing races for ${domain}`);
  return outcome;
}

export async function getCompany(id: string): Promise<CompanyView> {
  const { data } = await db().entities.company.get({ companyId: id }).go();
  if (!data) throw notFound('Company', id);
  return toCompanyView(data);
}

/** The company with this domain (any spelling), or null. */
export async function findCompanyByDomain(domain: string): Promise<CompanyView | null> {
  const { data: guard } = await db().entities.companyDomain.get({ domain: normalizeDomain(domain) }).go();
  if (!guard) return null;
  const { data } = await db().entities.company.get({ companyId: guard.companyId }).go();
  return data ? toCompanyView(data) : null;
}

export async function listCompanies(page: PageRequest): Promise<Page<CompanyView>> {
  const { data, cursor } = await db().entities.company.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toCompanyView), nextCursor: cursor };
}

/**
 * Changes a company, with `company.updated` in the same transaction (lead
 * scoring rescores the company's leads on it). A new domain moves the
 * uniqueness guard in that transaction too.
 */
export async function updateCompany(id: string, input: UpdateCompanyInput, ctx?: RequestContext, ifMatch?: ExpectedRevision): Promise<CompanyView> {
  const current = await db().entities.company.get({ companyId: id }).go({ consistent: true });
  if (!current.data) throw notFound('Company', id);
  // Nothing to write still answers 412 to a stale If-Match: the caller's view of it is out of date.
  assertRevision('Company', id, current.data, ifMatch);
  const previous = current.data.domain;
  const domain = input.domain === undefined ? undefined : normalizeDomain(input.domain);
  const changes = definedOnly({ ...input, domain });
  if (!Object.keys(changes).length) return toCompanyView(current.data);
  const moving = domain !== undefined && domain !== previous;
  const at = nowIso();
  const tx = namedTransaction<'domainGuard' | 'previousGuard' | 'company'>();
  const { company, companyDomain } = tx.entities;
  if (moving) {
    tx.add('domainGuard', companyDomain.create({ domain, companyId: id }).commit());
    if (previous) {
      tx.add(
        'previousGuard',
        companyDomain
          .delete({ domain: previous })
          .where((attr, op) => op.eq(attr.companyId, id))
          .commit(),
      );
    }
  }
  tx.add(
    'company',
    company
      .patch({ companyId: id })
      .set({ ...changes, updatedAt: at })
      .add(bump)
      .where((attr, op) => allOf(revisionCondition(attr, op, ifMatch), previous ? op.eq(attr.domain, previous) : op.notExists(attr.domain)))
      .commit(),
  );
  const result = await transactWithEvents(
    () => tx.items,
    [domainEvent('company.updated', { companyId: id, reason: 'fields' }, ctx ?? { correlationId: newId() })],
  );
  if (result.canceled) {
    if (moving && tx.rejected(result, 'domainGuard')) return duplicateOf(domain);
    if (ifMatch !== undefined && tx.rejected(result, 'company')) {
      const now = await db().entities.company.get({ companyId: id }).go({ consistent: true });
      if (!now.data) throw notFound('Company', id);
      assertRevision('Company', id, now.data, ifMatch);
    }
    throw conflict('concurrent_update', 'The company changed meanwhile (or was deleted); read it and try again');
  }
  return toCompanyView({ ...current.data, ...changes, updatedAt: at, revision: revisionOf(current.data) + 1 } as CompanyItem);
}

/**
 * Deletes a company no contact points at (trashed ones included: a restore
 * must not bring back a dangling companyId). The `contactsCount = 0`
 * condition decides against a contact being linked at the same moment.
 */
export async function deleteCompany(id: string, ifMatch?: ExpectedRevision): Promise<void> {
  const current = await db().entities.company.get({ companyId: id }).go({ consistent: true });
  if (!current.data) throw notFound('Company', id);
  assertRevision('Company', id, current.data, ifMatch);
  const { domain } = current.data;
  const result = await db()
    .transaction.write(({ company, companyDomain }) => [
      company
        .delete({ companyId: id })
        .where((attr, op) => allOf(`${op.eq(attr.contactsCount, 0)} OR ${op.notExists(attr.contactsCount)}`, revisionCondition(attr, op, ifMatch)))
        .commit(),
      ...(domain
        ? [
            companyDomain
              .delete({ domain })
              .where((attr, op) => op.eq(attr.companyId, id))
              .commit(),
          ]
        : []),
    ])
    .go();
  if (!result.canceled) return;
  const after = await db().entities.company.get({ companyId: id }).go({ consistent: true });
  if (!after.data) throw notFound('Company', id);
  assertRevision('Company', id, after.data, ifMatch);
  if ((after.data.contactsCount ?? 0) > 0) {
    throw conflict('company_has_contacts', `Company ${id} still has ${after.data.contactsCount} contact(s); move or delete them first`, {
      contactsCount: after.data.contactsCount,
    });
  }
  throw conflict('concurrent_update', 'The company changed meanwhile; read it and try again');
}
