import type { EntityItem } from 'electrodb';
import type { ContactView, CreateContactInput, UpdateContactInput } from '../../api/schemas/contacts.ts';
import { transactWithEvents } from '../bus/outbox.ts';
import { domainEvent } from '../bus/pending-event.ts';
import { nowIso } from '../clock.ts';
import type { RequestContext } from '../context.ts';
import { isConditionFailure } from '../db/conditions.ts';
import type { contactEntity } from '../db/entities/contact.ts';
import { db } from '../db/service.ts';
import { conflict, notFound } from '../errors.ts';
import { newId } from '../ids.ts';
import { checkedCursor, type Page, type PageRequest } from '../pagination.ts';
import { withId } from '../views.ts';

type ContactItem = EntityItem<typeof contactEntity>;

export function toView({ lifetimeValueAmount, lifetimeValueCurrency, ordersCount, ...item }: ContactItem): ContactView {
  return {
    ...withId(item, 'contactId'),
    ordersCount: ordersCount ?? 0,
    lifetimeValue: lifetimeValueCurrency ? { amount: lifetimeValueAmount ?? 0, currency: lifetimeValueCurrency } : null,
  };
}

async function duplicateOf(email: string): Promise<never> {
  const { data } = await db().entities.contactEmail.get({ email }).go({ consistent: true });
  throw conflict('duplicate', 'A contact with this email already exists', { existingId: data?.contactId });
}

/**
 * The email (already trimmed and lower-cased by the schema) is claimed by a
 * guard item in the same transaction as the contact, so two concurrent
 * creates with one email cannot both succeed.
 */
export async function createContact(input: CreateContactInput, ctx: RequestContext): Promise<ContactView> {
  const contactId = newId();
  const at = nowIso();
  const item = { ...input, contactId, createdBy: ctx.actorId, createdAt: at, updatedAt: at };
  const result = await transactWithEvents(
    ({ contact, contactEmail }) => [
      contactEmail.create({ email: input.email, contactId }).commit(),
      contact.create(item).commit(),
    ],
    [domainEvent('contact.created', { contactId, createdBy: ctx.actorId }, ctx)],
  );
  if (result.canceled) return duplicateOf(input.email);
  return toView(item);
}

export async function getContact(id: string): Promise<ContactView> {
  const { data } = await db().entities.contact.get({ contactId: id }).go();
  if (!data) throw notFound('Contact', id);
  return toView(data);
}

export async function findContactByEmail(email: string): Promise<Page<ContactView>> {
  const { data: guard } = await db().entities.contactEmail.get({ email }).go();
  if (!guard) return { items: [], nextCursor: null };
  const { data } = await db().entities.contact.get({ contactId: guard.contactId }).go();
  return { items: data ? [toView(data)] : [], nextCursor: null };
}

export async function listContacts(page: PageRequest): Promise<Page<ContactView>> {
  const { data, cursor } = await db().entities.contact.query.all({}).go({ limit: page.limit, cursor: checkedCursor(page.cursor) });
  return { items: data.map(toView), nextCursor: cursor };
}

export async function updateContact(id: string, input: UpdateContactInput): Promise<ContactView> {
  const current = await db().entities.contact.get({ contactId: id }).go({ consistent: true });
  if (!current.data) throw notFound('Contact', id);
  const previousEmail = current.data.email;
  if (input.email === undefined || input.email === previousEmail) {
    try {
      const { data } = await db().entities.contact.patch({ contactId: id }).set(input).go({ response: 'all_new' });
      return toView(data as ContactItem);
    } catch (error) {
      if (isConditionFailure(error)) throw notFound('Contact', id);
      throw error;
    }
  }
  // A new email moves the uniqueness guard in the same transaction as the change.
  const at = nowIso();
  const newEmail = input.email;
  const result = await db()
    .transaction.write(({ contact, contactEmail }) => [
      contactEmail.create({ email: newEmail, contactId: id }).commit(),
      contactEmail
        .delete({ email: previousEmail })
        .where((attr, op) => op.eq(attr.contactId, id))
        .commit(),
      contact
        .patch({ contactId: id })
        .set({ ...input, updatedAt: at })
        .where((attr, op) => op.eq(attr.email, previousEmail))
        .commit(),
    ])
    .go();
  if (result.canceled) {
    if (result.data[0]?.rejected) return duplicateOf(newEmail);
    throw conflict('concurrent_update', 'The contact changed meanwhile; read it and try again');
  }
  return toView({ ...current.data, ...input, updatedAt: at } as ContactItem);
}
