import { allOf, assertRevision, bump, revisionCondition, revisionOf, type ExpectedRevision } from '#packages/core/db/revisions.ts';
import type { ContactView } from './contract.ts';
import { phoneLookupItems } from './phone-lookup.ts';
import { ownedPhone, phoneOwnerRelease } from './phone-owner.ts';
import { transactWithEvents } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { companyContactsDelta } from '#packages/features/companies/index.ts';
import type { RequestContext } from '#packages/core/context.ts';
import { db } from '#packages/core/db/service.ts';
import { conflict } from '#packages/core/errors.ts';
import { RETRY, withRaceRetries } from '#packages/core/retry.ts';
import { checkedCursor, type Page, type PageRequest } from '#packages/core/pagination.ts';
import { readContact } from './contact-service.ts';
import { toView, type ContactItem } from './contact-view.ts';
import { tagDeletes, tagPuts } from './contact-writes.ts';

/**
 * Runs one state change of a contact (trash, restore) as a transaction
 * conditioned on the contact being exactly as read, with `contact.updated`;
 * a concurrent write (a purchase being recorded) sends it round again.
 */
async function moveContact(
  id: string,
  ctx: RequestContext,
  step: (current: ContactItem, at: string) => { skip?: ContactItem; set: Partial<ContactItem>; remove: (keyof ContactItem)[]; reason: string; tags: 'put' | 'delete' },
  ifMatch?: ExpectedRevision,
): Promise<ContactItem> {
  const outcome = await withRaceRetries(async () => {
    const current = await readContact(id);
    assertRevision('Contact', id, current, ifMatch);
    const at = nowIso();
    const plan = step(current, at);
    if (plan.skip) return plan.skip;
    const tags = current.tags ?? [];
    const result = await transactWithEvents(
      (entities) => {
        let patch = entities.contact.patch({ contactId: id }).set({ ...plan.set, updatedAt: at }).add(bump);
        if (plan.remove.length) patch = patch.remove(plan.remove as never);
        return [
          patch.where((attr, op) => allOf(op.eq(attr.updatedAt, current.updatedAt), revisionCondition(attr, op, ifMatch))).commit(),
          ...(plan.tags === 'put' ? tagPuts(entities, id, tags) : tagDeletes(entities, id, tags)),
        ];
      },
      [domainEvent('contact.updated', { contactId: id, reason: plan.reason }, ctx)],
    );
    if (result.canceled) return RETRY;
    const next = { ...current, ...plan.set, updatedAt: at, revision: revisionOf(current) + 1 } as ContactItem;
    for (const key of plan.remove) delete next[key];
    return next;
  }, 8);
  if (outcome === RETRY) throw conflict('concurrent_update', 'The contact kept changing meanwhile; try again');
  return outcome;
}

/**
 * `DELETE /v1/contacts/{id}`: to the trash. The contact leaves every list,
 * filter and segment (its index partitions carry `state`, its tag items go),
 * but keeps its email (a new contact with it is still a 409 naming this one)
 * and its company link. Trashing a trashed contact changes nothing.
 */
export async function trashContact(id: string, ctx: RequestContext, ifMatch?: ExpectedRevision): Promise<void> {
  await moveContact(id, ctx, (current, at) => ({
    ...(current.state === 'trashed' ? { skip: current } : {}),
    set: { state: 'trashed', trashedAt: at },
    remove: [],
    reason: 'trashed',
    tags: 'delete',
  }), ifMatch);
}

/** `POST /v1/contacts/{id}/restore`: back in every list, with its tags. 409 when it is not in the trash. */
export async function restoreContact(id: string, ctx: RequestContext): Promise<ContactView> {
  const restored = await moveContact(id, ctx, (current) => {
    if (current.state !== 'trashed') throw conflict('not_trashed', `Contact ${id} is not in the trash`);
    return { set: { state: 'active' }, remove: ['trashedAt'], reason: 'restored', tags: 'put' };
  });
  return toView(restored);
}

/**
 * `DELETE /v1/contacts/{id}/permanent`: only from the trash (409 otherwise),
 * so a hard delete is always two deliberate steps. One transaction deletes
 * the contact (condition: still trashed), frees its email, unlinks its
 * company and deletes its tag items; `contact.deleted` tells the consumers that hold copies
 * (timeline, segments, attendance) to drop them.
 */
export async function deleteContactPermanently(id: string, ctx: RequestContext): Promise<void> {
  const current = await readContact(id);
  if (current.state !== 'trashed') {
    throw conflict('not_trashed', `Contact ${id} is not in the trash; DELETE /v1/contacts/${id} moves it there first`);
  }
  const owned = await ownedPhone(id, current.phone);
  const result = await transactWithEvents(
    (entities) => [
      entities.contact
        .delete({ contactId: id })
        .where((attr, op) => op.eq(attr.state, 'trashed'))
        .commit(),
      ...(current.email
        ? [
            entities.contactEmail
              .delete({ email: current.email })
              .where((attr, op) => op.eq(attr.contactId, id))
              .commit(),
          ]
        : []),
      ...phoneOwnerRelease(entities, id, owned),
      ...(current.companyId ? [companyContactsDelta(entities, current.companyId, -1)] : []),
      // Gone since the trash already; deleting again costs little and leaves nothing behind whatever happened between.
      ...tagDeletes(entities, id, current.tags ?? []),
      ...phoneLookupItems(entities, id, current.phone, null),
    ],
    [domainEvent('contact.deleted', { contactId: id, ...(current.email ? { email: current.email } : {}) }, ctx)],
  );
  if (result.canceled) throw conflict('concurrent_update', 'The contact changed meanwhile (restored or deleted); read it and try again');
}

/** `GET /v1/contacts/trash`: trashed contacts, oldest first (the same index as the list, partition `trashed`). */
export async function listTrash(page: PageRequest): Promise<Page<ContactView>> {
  const { data, cursor } = await db()
    .entities.contact.query.all({ state: 'trashed' })
    .go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}
