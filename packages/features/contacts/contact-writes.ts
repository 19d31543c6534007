import { NamedTransaction } from '#packages/core/db/named-transaction.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { invalid } from '#packages/core/errors.ts';
import { PHONE_RULE, toE164 } from '#packages/core/phone.ts';

/**
 * What a canceled contact transaction's item stood for, so the caller can say
 * why: the email guard (409 duplicate), the phone identity of a phone-only
 * contact (409 duplicate_phone), the company link (422), or the contact
 * itself / anything else (a race: re-read and retry).
 */
export type ItemRole = 'emailGuard' | 'phoneGuard' | 'companyLink' | 'contact' | 'other';

/** A contact transaction: its items named by role (db/named-transaction.ts), so a refusal says which. */
export class ContactTransaction extends NamedTransaction<ItemRole> {}

/**
 * Tags and lead sources are machine words: trimmed and lower-cased (the HTTP
 * schema does it too; this covers other callers, such as lead conversion), so
 * the index keys and the FilterExpressions agree.
 */
export const word = (value: string): string => value.trim().toLowerCase();

/** Tags once each, in the order given, as words (`VIP` and `vip` are one). */
export function uniqueTags(tags: readonly string[] | undefined): string[] {
  return [...new Set((tags ?? []).map(word).filter(Boolean))];
}

/** The contactTag items of `tags` (tag filter index), for the contact's own transaction. */
export function tagPuts(entities: TransactionEntities, contactId: string, tags: readonly string[]): TransactionItem[] {
  return tags.map((tag) => entities.contactTag.put({ tag, contactId }).commit());
}

export function tagDeletes(entities: TransactionEntities, contactId: string, tags: readonly string[]): TransactionItem[] {
  return tags.map((tag) => entities.contactTag.delete({ tag, contactId }).commit());
}

/** E.164, or a 400 for callers that bypass the HTTP schema (which refuses the same numbers first). */
export function normalizedPhone(phone: string): string {
  const e164 = toE164(phone);
  if (e164 === undefined) {
    throw invalid('validation_failed', `"${phone}" is not a phone number that can be written in E.164`, {
      errors: [{ path: 'body.phone', message: PHONE_RULE }],
    });
  }
  return e164;
}
