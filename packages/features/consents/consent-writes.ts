import type { TransactionEntities, TransactionItem } from '#packages/core/db/transaction-types.ts';
import { definedOnly } from '#packages/core/views.ts';

export type ConsentStateName = 'granted' | 'withdrawn' | 'pending';

/** One consent change: what the record says. `at` is the server's time. */
export interface ConsentChange {
  contactId: string;
  purpose: string;
  state: ConsentStateName;
  legalBasis?: string;
  method: string;
  at: string;
  textHash?: string;
  ip?: string;
  userAgent?: string;
  requestRecordId?: string;
  confirmedIp?: string;
  confirmedUserAgent?: string;
  campaignId?: string;
  messageId?: string;
  importId?: string;
  orderId?: string;
  actorId?: string;
  /** The first version's fields, kept for unsubscribes and complaints. */
  legacy?: { source: 'one_click' | 'link' | 'complaint' };
}

/** The purpose campaigns and the contact's `marketingConsent` flag stand for. */
export const MARKETING_EMAIL = 'marketing_email';

/**
 * The writes of one consent change, for the caller's transaction: the
 * append-only record, and the purpose's current state (an UpdateItem that
 * creates it, conditioned on being newer than what is there, so a late
 * writer never rolls a newer state back; `expectRecordId` narrows it to "the
 * state is still the one I read": a double opt-in confirmation of a pending
 * request that was withdrawn since fails). The contact's own flag for
 * `marketing_email` is the caller's (it knows whether the contact exists).
 */
export function consentItems(
  entities: TransactionEntities,
  change: ConsentChange,
  recordId: string,
  expectRecordId?: string,
): TransactionItem[] {
  const { legacy, ...fields } = change;
  const record = definedOnly({
    recordId,
    ...fields,
    ...(legacy && change.purpose === MARKETING_EMAIL
      ? { kind: 'marketing' as const, granted: change.state === 'granted', source: legacy.source }
      : {}),
  });
  return [
    entities.consentRecord.create(record as never).commit(),
    entities.consentState
      .update({ contactId: change.contactId, purpose: change.purpose })
      .set(definedOnly({ state: change.state, legalBasis: change.legalBasis, method: change.method, recordId, at: change.at }) as never)
      .where((a, op) =>
        expectRecordId === undefined
          ? `${op.notExists(a.at)} OR ${op.lte(a.at, change.at)}`
          : op.eq(a.recordId, expectRecordId),
      )
      .commit(),
  ];
}

/** The contact's `marketingConsent` mirror of a marketing_email change (not for `pending`: nothing is granted yet). */
export function marketingFlagItem(entities: TransactionEntities, contactId: string, state: ConsentStateName, at: string): TransactionItem | null {
  if (state === 'pending') return null;
  return entities.contact
    .patch({ contactId })
    .set({ marketingConsent: state === 'granted', marketingConsentAt: at })
    .commit();
}
