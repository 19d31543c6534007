import { nowIso } from '#packages/core/clock.ts';
import { writtenIfCondition } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import type { Recipient } from './audience.ts';

export interface Claim {
  token: string;
  claimedAt: string;
}

/** The recipient's item, created only if absent (`pending`): false when it existed already. */
export const createRecipient = (announcementId: string, r: Recipient) =>
  writtenIfCondition(() =>
    db()
      .entities.announcementRecipient.create({ announcementId, email: r.email, ...(r.name ? { name: r.name } : {}), status: 'pending', updatedAt: nowIso() })
      .go({ response: 'none' }),
  );

/** pending → sending, before SES is called: false when another delivery claimed it first. */
export const claimRecipient = (announcementId: string, email: string, claim: Claim) =>
  writtenIfCondition(() =>
    db()
      .entities.announcementRecipient.patch({ announcementId, email })
      .set({ status: 'sending', claimToken: claim.token, claimedAt: claim.claimedAt, updatedAt: nowIso() })
      .where((a, op) => op.eq(a.status, 'pending'))
      .go({ response: 'none' }),
  );

type Settled = { status: 'sent'; messageId: string } | { status: 'failed' | 'unknown'; failure: string } | { status: 'pending' };

/** sending → the outcome, only by the claim's holder (a claim settled as unknown by a later run stays so). */
export const settleRecipient = (announcementId: string, email: string, claim: Claim, outcome: Settled) =>
  writtenIfCondition(() => {
    const patch = db().entities.announcementRecipient.patch({ announcementId, email });
    const updated =
      outcome.status === 'pending'
        ? patch.set({ status: 'pending', updatedAt: nowIso() }).remove(['claimToken', 'claimedAt'])
        : patch.set({ ...outcome, updatedAt: nowIso() });
    return updated
      .where((a, op) => `${op.eq(a.status, 'sending')} AND ${op.eq(a.claimToken, claim.token)} AND ${op.eq(a.claimedAt, claim.claimedAt)}`)
      .go({ response: 'none' });
  });

/** A claim whose holder never recorded SES's answer (a crash) within the lease: unknown, never resent. */
export const expireClaim = (announcementId: string, email: string, claim: Claim) =>
  settleRecipient(announcementId, email, claim, { status: 'unknown', failure: 'claim lease expired without an SES answer recorded' });
