/**
 * The floor of a contact creation: per contact, ONE bare TransactWriteItems
 * of exactly what createContact writes (packages/features/contacts/contact-service.ts):
 * the email guard (Put if absent), the contact (Put if absent), a contactTag
 * Put per tag, and the outbox row of `contact.created` — built with the
 * product's own builders (newContactItem, creationItems, outboxPut) from the
 * same request bodies, on new emails and ids.
 */
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import type { CreateContactInput } from '#packages/features/contacts/contract.ts';
import { outboxPut } from '#packages/core/bus/outbox.ts';
import { domainEvent } from '#packages/core/bus/pending-event.ts';
import { nowIso } from '#packages/core/clock.ts';
import { creationItems, newContactItem } from '#packages/features/contacts/contact-service.ts';
import { ContactTransaction } from '#packages/features/contacts/contact-writes.ts';
import { db } from '#packages/core/db/service.ts';
import { newId } from '#packages/core/ids.ts';
import { NEVER_RELAYED } from '../lib/transaction-floor.ts';

export function contactFloorTransactions(bodies: readonly CreateContactInput[], actorId: string): TransactWriteCommandInput[] {
  return bodies.map((input) => {
    const item = newContactItem(input, actorId, newId(), nowIso());
    const event = domainEvent('contact.created', { contactId: item.contactId, createdBy: actorId }, { correlationId: newId() });
    return db()
      .transaction.write((entities) => [...creationItems(new ContactTransaction(), entities, item), outboxPut(entities, { ...event, occurredAt: NEVER_RELAYED })])
      .params() as TransactWriteCommandInput;
  });
}
