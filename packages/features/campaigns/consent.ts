import type { EntityItem } from 'electrodb';
import type { contactEntity } from '#packages/core/db/entities/contact.ts';
import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { newId } from '#packages/core/ids.ts';
import { consentItems, MARKETING_EMAIL } from '#packages/features/consents/index.ts';

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
 * the transaction, and the caller re-reads and finds nothing to do), and the
 * consent record that proves when and how with the `marketing_email`
 * purpose's current state (packages/features/consents): method `unsubscribe`
 * (or `complaint`), legal basis `consent`.
 */
export function withdrawalItems(entities: TransactionEntities, contactId: string, w: Withdrawal): TransactionItem[] {
  return [
    entities.contact
      .patch({ contactId })
      .set({ marketingConsent: false, marketingConsentAt: w.at })
      .where((a, op) => `${op.notExists(a.marketingConsent)} OR ${op.eq(a.marketingConsent, true)}`)
      .commit(),
    ...consentItems(
      entities,
      {
        contactId,
        purpose: MARKETING_EMAIL,
        state: 'withdrawn',
        legalBasis: 'consent',
        method: w.source === 'complaint' ? 'complaint' : 'unsubscribe',
        at: w.at,
        ...(w.campaignId && { campaignId: w.campaignId }),
        ...(w.messageId && { messageId: w.messageId }),
        legacy: { source: w.source },
      },
      newId(),
    ),
  ];
}
