import { rejectedAt, type TransactionEntities, type TransactionItem } from '../db/transaction-types.ts';
import { invalid } from '../errors.ts';
import { PHONE_RULE, toE164 } from './phone.ts';

/**
 * What a canceled contact transaction's item stood for, so the caller can say
 * why: the email guard (409 duplicate), the company link (422), or the
 * contact itself / anything else (a race: re-read and retry).
 */
export type ItemRole = 'emailGuard' | 'companyLink' | 'contact' | 'other';

/** A transaction under construction that remembers the role of each item. */
export class ContactTransaction {
  readonly items: TransactionItem[] = [];
  readonly roles: ItemRole[] = [];

  add(role: ItemRole, ...items: TransactionItem[]): this {
    for (const item of items) {
      this.items.push(item);
      this.roles.push(role);
    }
    return this;
  }

  /** The role of the first item whose condition failed, or null (a conflict with another transaction). */
  rejected(result: { canceled: boolean; data: unknown[] }): ItemRole | null {
    const index = this.roles.findIndex((_, i) => rejectedAt(result, i));
    return index < 0 ? null : this.roles[index]!;
  }
}

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
