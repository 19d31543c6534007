import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { unprocessable } from '#packages/core/errors.ts';

/**
 * The phone identity (contactPhoneOwner): which contact a person known only
 * by a number is. Merge rule: the contact that first claims a number without
 * an email owns it; anyone later known only by that number joins it; when it
 * gives an email (a PATCH, an import row, a guest or booker with both) it
 * stays the same contact and keeps the number's ownership, so later
 * phone-only guests still join it. The item moves with a PATCH of the phone
 * and goes with an erasure or a hard delete.
 */
export async function phoneOwnerOf(phone: string): Promise<string | undefined> {
  const { data } = await db().entities.contactPhoneOwner.get({ phone }).go({ consistent: true });
  return data?.contactId;
}

/** The number `contactId` owns among `phone`, or undefined (read before a transaction that moves or deletes it). */
export async function ownedPhone(contactId: string, phone: string | undefined): Promise<string | undefined> {
  if (!phone) return undefined;
  return (await phoneOwnerOf(phone)) === contactId ? phone : undefined;
}

/** Claims `phone` for `contactId`: cancels the transaction when another contact owns it. */
export function phoneOwnerClaim(entities: TransactionEntities, contactId: string, phone: string): TransactionItem {
  return entities.contactPhoneOwner.create({ phone, contactId }).commit();
}

/** Releases an owned number, on condition it is still this contact's. */
export function phoneOwnerRelease(entities: TransactionEntities, contactId: string, owned: string | undefined): TransactionItem[] {
  if (!owned) return [];
  return [entities.contactPhoneOwner.delete({ phone: owned }).where((attr, op) => op.eq(attr.contactId, contactId)).commit()];
}

/** A contact is known by an email, a phone, or both: never neither. */
export function requireEmailOrPhone(email: string | undefined, phone: string | undefined | null): void {
  if (email || phone) return;
  throw unprocessable('email_or_phone_required', 'A contact needs an email or a phone', {
    errors: [{ path: 'body.email', message: 'an email or a phone is required' }],
  });
}
