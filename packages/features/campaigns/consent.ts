import type { EntityItem } from 'electrodb';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { newId } from '#packages/core/ids.ts';

export type ContactItem = EntityItem<typeof contactEntity>;
export type WithdrawalSource = 'one_click' | 'link' | 'complaint';

export interface Withdrawal {
  source: WithdrawalSource;
  at: string;
  campaignId?: string;
  messageId?: string;
}

/** Whether the contact may still get marketing mail, i.e. a withdrawal would change something. */
export function hasMarketingConsent(contact: Pick<ContactItem, 'marketingConsent'>): boolean {
  return contact.marketingConsent !== false;
}

/**
 * The writes that withdraw a contact's marketing consent: the contact's
 * flag (only if it is not withdrawn already — a concurrent withdrawal cancels
 * the transaction, and the caller re-reads and finds nothing to do) and the
 * consent record that proves when and how.
 */
export function withdrawalItems(entities: TransactionEntities, contactId: string, w: Withdrawal): TransactionItem[] {
  return [
    entities.contact
      .patch({ contactId })
      .set({ marketingConsent: false, marketingConsentAt: w.at })
      .where((a, op) => `${op.notExists(a.marketingConsent)} OR ${op.eq(a.marketingConsent, true)}`)
      .commit(),
    entities.consentRecord
      .create({
        recordId: newId(),
        contactId,
        kind: 'marketing',
        granted: false,
        source: w.source,
        at: w.at,
        ...(w.campaignId && { campaignId: w.campaignId }),
        ...(w.messageId && { messageId: w.messageId }),
      })
      .commit(),
  ];
}
