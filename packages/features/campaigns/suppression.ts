import { nowIso } from '#packages/core/clock.ts';
import { db } from '#packages/core/db/service.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';

export type SuppressionReason = 'bounce' | 'complaint' | 'manual';

export interface SuppressionFact {
  email: string;
  reason: SuppressionReason;
  at?: string;
  messageId?: string;
  campaignId?: string;
  contactId?: string;
}

/** The key form of an address: trimmed, lower-cased (as contacts store it). */
export function normalizeEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether campaigns must skip this address (one strongly consistent GetItem). */
export async function isSuppressed(email: string): Promise<boolean> {
  const { data } = await db().entities.suppression.get({ email: normalizeEmail(email) }).go({ consistent: true, attributes: ['email'] });
  return data !== null;
}

/**
 * Suppresses an address, as an item for the caller's transaction. An
 * unconditional put: a second bounce or complaint for the same address just
 * records the latest cause — the address stays suppressed either way.
 */
export function suppressionPut(entities: TransactionEntities, fact: SuppressionFact): TransactionItem {
  return entities.suppression
    .put({
      email: normalizeEmail(fact.email),
      reason: fact.reason,
      at: fact.at ?? nowIso(),
      ...(fact.messageId && { messageId: fact.messageId }),
      ...(fact.campaignId && { campaignId: fact.campaignId }),
      ...(fact.contactId && { contactId: fact.contactId }),
    })
    .commit();
}
