import type { ContactView, CreateContactInput, UpdateContactInput } from './contract.ts';
import { phoneLookupItems } from './phone-lookup.ts';
import { ownedPhone, phoneOwnerClaim, phoneOwnerOf, phoneOwnerRelease, requireEmailOrPhone } from './phone-owner.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { companyContactsDelta } from '#packages/features/companies/index.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { allOf, assertRevision, bump, revisionCondition, revisionOf, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { conflict, notFound, unprocessable } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { definedOnly } from '#packages/core/views.ts';
import { toView, type ContactItem } from './contact-view.ts';
import { ContactTransaction, normalizedPhone, tagDeletes, tagPuts, uniqueTags, word, type ItemRole } from './contact-writes.ts';

export { toView } from './contact-view.ts';
export { findContactByEmail, listContacts } from './contact-queries.ts';

async function duplicateOf(email: string): Promise<never> {
  const { data } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  throw conflict('duplicate', 'A contact with this email already exists', { existingId: data?.contactId });
}

async function duplicatePhoneOf(phone: string): Promise<never> {
  throw conflict('duplicate_phone', 'A contact known only by this phone already exists', { existingId: await phoneOwnerOf(phone) });
}

const companyNotFound = (companyId: string) =>
  unprocessable('company_not_found', `Company ${companyId} does not exist`, {
    errors: [{ path: 'body.companyId', message: 'must be the id of an existing company' }],
  });

/** The answer for a canceled write whose rejected item says it all; null for a race worth retrying. */
async function refusal(role: ItemRole | null, key: { email?: string | undefined; phone?: string | undefined }, companyId: string | undefined): Promise<never | null> {
  if (role === 'emailGuard' && key.email) return duplicateOf(key.email);
  if (role === 'phoneGuard' && key.phone) return duplicatePhoneOf(key.phone);
  if (role === 'companyLink' && companyId) throw companyNotFound(companyId);
  return null;
}

/** The contact item a creation writes (ids and time given: the bench builds the same item for its floor). */
export function newContactItem(input: CreateContactInput, actorId: string, contactId: string, at: string): ContactItem {
  return definedOnly({
    ...input,
    phone: input.phone === undefined ? undefined : normalizedPhone(input.phone),
    leadSource: input.leadSource === undefined ? undefined : word(input.leadSource),
    tags: uniqueTags(input.tags),
    contactId,
    state: 'active' as const,
    engagementScore: 0,
    marketingConsentAt: input.marketingConsent === undefined ? undefined : at,
    createdBy: actorId,
    createdAt: at,
    updatedAt: at,
  }) as ContactItem;
}

/**
 * What a creation's transaction holds besides its outbox row: the email guard
 * (or, for a contact known by phone only, the phone's identity), the contact,
 * the company link, a contactTag per tag.
 */
export function creationItems(tx: ContactTransaction, entities: TransactionEntities, item: ContactItem): TransactionItem[] {
  requireEmailOrPhone(item.email, item.phone);
  if (item.email) tx.add('emailGuard', entities.contactEmail.create({ email: item.email, contactId: item.contactId }).commit());
  else tx.add('phoneGuard', phoneOwnerClaim(entities, item.contactId, item.phone!));
  tx.add('contact', entities.contact.create(item).commit());
  if (item.companyId) tx.add('companyLink', companyContactsDelta(entities, item.companyId, 1));
  tx.add('other', ...tagPuts(entities, item.contactId, item.tags ?? []), ...phoneLookupItems(entities, item.contactId, undefined, item.phone));
  return tx.items;
}

/**
 * Creates a contact. In ONE transaction: the email guard (unique, so two
 * concurrent creates with one email cannot both succeed), the contact, the
 * company's `contactsCount` (which also proves the company exists), one
 * contactTag item per tag, and `contact.created` in the outbox.
 */
export async function createContact(input: CreateContactInput, ctx: RequestContext): Promise<ContactView> {
  requireEmailOrPhone(input.email, input.phone);
  const item = newContactItem(input, ctx.actorId, newId(), nowIso());
  const tx = new ContactTransaction();
  const result = await transactWithEvents(
    (entities) => creationItems(tx, entities, item),
    [domainEvent('contact.created', { contactId: item.contactId, createdBy: ctx.actorId }, ctx)],
  );
  if (result.canceled) {
    await refusal(tx.firstRejected(result), { email: item.email, phone: item.phone }, input.companyId);
    throw conflict('concurrent_update', 'The contact could not be created; try again');
  }
  return toView(item);
}

/** Any contact, trashed ones included (their `state` says so, and restore is one POST away). */
export async function getContact(id: string): Promise<ContactView> {
  const { data } = await db().entities.contact.get({ contactId: id }).go();
  if (!data) throw notFound('Contact', id);
  return toView(data);
}

export async function readContact(id: string, consistent = true): Promise<ContactItem> {
  const { data } = await db().entities.contact.get({ contactId: id }).go({ consistent });
  if (!data) throw notFound('Contact', id);
  return data;
}

/** Attribute names of the contact as written (hidden index helpers included, which EntityItem leaves out). */
type Writable = Record<string, unknown>;

interface Change {
  set: Writable;
  remove: string[];
  tagsAdded: string[];
  tagsRemoved: string[];
  linkCompany?: string;
  unlinkCompany?: string;
  reason: 'fields' | 'consent';
}

/** What a PATCH changes on `current`; null and absent are different (null clears). */
function changeOf(current: ContactItem, input: UpdateContactInput, at: string): Change {
  const { phone, leadSource, companyId, tags, ...plain } = input;
  const set: Writable = definedOnly({ ...plain });
  const remove: string[] = [];
  if (phone === null) remove.push('phone');
  else if (phone !== undefined) set.phone = normalizedPhone(phone);
  // The rank attributes are the sort keys of the sparse indexes; they come and go with their partition attribute.
  if (leadSource === null) remove.push('leadSource', 'leadSourceRank');
  else if (leadSource !== undefined) Object.assign(set, { leadSource: word(leadSource), leadSourceRank: current.contactId });
  const change: Change = { set, remove, tagsAdded: [], tagsRemoved: [], reason: 'fields' };
  if (companyId === null && current.companyId) {
    remove.push('companyId', 'companyRank');
    change.unlinkCompany = current.companyId;
  } else if (companyId && companyId !== current.companyId) {
    Object.assign(set, { companyId, companyRank: current.contactId });
    change.linkCompany = companyId;
    change.unlinkCompany = current.companyId;
  }
  if (tags !== undefined) {
    const next = uniqueTags(tags);
    const before = current.tags ?? [];
    set.tags = next;
    change.tagsAdded = next.filter((t) => !before.includes(t));
    change.tagsRemoved = before.filter((t) => !next.includes(t));
  }
  if (input.marketingConsent !== undefined && input.marketingConsent !== current.marketingConsent) {
    set.marketingConsentAt = at;
    if (Object.keys(input).length === 1) change.reason = 'consent';
  }
  return change;
}

/** The attributes given a new value (the index ranks and consent time follow others, so they are left out). */
function changedFields(current: ContactItem, change: Change): string[] {
  const before = current as unknown as Record<string, unknown>;
  const set = Object.keys(change.set).filter((k) => JSON.stringify(before[k]) !== JSON.stringify(change.set[k]));
  return [...new Set([...set, ...change.remove])].filter((k) => !k.endsWith('Rank') && k !== 'marketingConsentAt' && k !== 'updatedAt');
}

/**
 * Changes a contact: a new email moves the uniqueness guard, a new company
 * moves the link counts, changed tags move their contactTag items — all in
 * one transaction with `contact.updated`, conditioned on the contact not
 * having changed since we read it (a consumer writing a purchase meanwhile
 * sends us round again). A trashed contact is restored first, not edited.
 */
export async function updateContact(id: string, input: UpdateContactInput, ctx?: RequestContext, ifMatch?: ExpectedRevision): Promise<ContactView> {
  const context = ctx ?? { actorId: 'system', correlationId: newId() };
  const outcome = await withRaceRetries(async () => {
    const current = await readContact(id);
    // Re-read on every round: a write that raced ours shows here as a newer revision (412), not as a silent retry.
    assertRevision('Contact', id, current, ifMatch);
    if (current.state === 'trashed') throw conflict('contact_trashed', `Contact ${id} is in the trash; restore it first`);
    const at = nowIso();
    const change = changeOf(current, input, at);
    const newEmail = input.email !== undefined && input.email !== current.email ? input.email : undefined;
    if (newEmail) change.set.email = newEmail;
    if (!Object.keys(change.set).length && !change.remove.length) return current;
    const phoneAfter = change.remove.includes('phone') ? null : ((change.set.phone as string | undefined) ?? current.phone);
    requireEmailOrPhone(newEmail ?? current.email, phoneAfter);
    // A phone-only contact's identity moves with its number (phone-owner.ts); one that gave an email keeps none for a new number.
    const owned = phoneAfter === current.phone ? undefined : await ownedPhone(id, current.phone);
    const claim = phoneAfter && phoneAfter !== current.phone && !(newEmail ?? current.email) ? phoneAfter : undefined;
    const tx = new ContactTransaction();
    const result = await transactWithEvents(
      (entities) => {
        if (newEmail) {
          tx.add('emailGuard', entities.contactEmail.create({ email: newEmail, contactId: id }).commit());
          // A phone-only contact giving its first email had no guard to delete (the merge rule, phone-owner.ts).
          if (current.email) {
            tx.add(
              'other',
              entities.contactEmail
                .delete({ email: current.email })
                .where((attr, op) => op.eq(attr.contactId, id))
                .commit(),
            );
          }
        }
        if (claim) tx.add('phoneGuard', phoneOwnerClaim(entities, id, claim));
        tx.add('other', ...phoneOwnerRelease(entities, id, owned));
        let patch = entities.contact.patch({ contactId: id }).set({ ...change.set, updatedAt: at } as never).add(bump);
        if (change.remove.length) patch = patch.remove(change.remove as never);
        tx.add('contact', patch.where((attr, op) => allOf(op.eq(attr.updatedAt, current.updatedAt), revisionCondition(attr, op, ifMatch))).commit());
        if (change.linkCompany) tx.add('companyLink', companyContactsDelta(entities, change.linkCompany, 1));
        if (change.unlinkCompany) tx.add('other', companyContactsDelta(entities, change.unlinkCompany, -1));
        tx.add(
          'other',
          ...tagPuts(entities, id, change.tagsAdded),
          ...tagDeletes(entities, id, change.tagsRemoved),
          ...phoneLookupItems(entities, id, current.phone, phoneAfter),
        );
        return tx.items;
      },
      [domainEvent('contact.updated', { contactId: id, reason: change.reason, fields: changedFields(current, change) }, context)],
    );
    if (!result.canceled) {
      const next: Writable = { ...current, ...change.set, updatedAt: at, revision: revisionOf(current) + 1 };
      for (const key of change.remove) delete next[key];
      return next as ContactItem;
    }
    await refusal(tx.firstRejected(result), { email: newEmail ?? current.email, phone: claim }, change.linkCompany);
    return RETRY;
  }, 8);
  if (outcome === RETRY) throw conflict('concurrent_update', 'The contact kept changing meanwhile; read it and try again');
  return toView(outcome);
}
