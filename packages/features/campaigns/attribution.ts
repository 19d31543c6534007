import type { EventData } from '#events/catalog.ts';
import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { verifyRecipientToken } from './tokens.ts';
import { armOf } from './ab/variant-counters.ts';

export const DEFAULT_ATTRIBUTION_DAYS = 7;

/** CAMPAIGN_ATTRIBUTION_DAYS (default 7): how long after its send a campaign earns the orders of its clicks. */
export function attributionWindowDays(env: NodeJS.ProcessEnv = process.env): number {
  const raw = env.CAMPAIGN_ATTRIBUTION_DAYS;
  const days = raw === undefined || raw === '' ? DEFAULT_ATTRIBUTION_DAYS : Number(raw);
  if (!Number.isFinite(days) || days <= 0) throw new Error(`CAMPAIGN_ATTRIBUTION_DAYS must be a positive number, not ${raw}`);
  return days;
}

export type AttributionOutcome = 'attributed' | 'no_token' | 'invalid_token' | 'not_recipient' | 'outside_window';

interface Attributable {
  campaignId: string;
  contactId: string;
  /** A/B tests: the recipient's arm, so the test's figures count its revenue. */
  arm?: string;
}

/**
 * The campaign an order belongs to: its recipient token (the `rt` of the
 * campaign link the buyer came by, given at order creation) must be ours,
 * name a recipient the campaign mailed, and the payment must fall within the
 * window after that recipient's mail was sent. A forwarded link counts for
 * the recipient whose mail it was in: the token, not the buyer's address,
 * says where the buyer came from.
 */
async function attributable(token: string | undefined, paidAt: string | undefined): Promise<Attributable | AttributionOutcome> {
  if (!token) return 'no_token';
  const claims = await verifyRecipientToken(token);
  if (!claims) return 'invalid_token';
  const { data: recipient } = await db().entities.campaignRecipient.get(claims).go({ attributes: ['status', 'sentAt', 'variant', 'abGroup'] });
  if (!recipient?.sentAt || recipient.status !== 'sent') return 'not_recipient';
  if (!paidAt) return 'outside_window';
  const sent = Date.parse(recipient.sentAt);
  const paid = Date.parse(paidAt);
  if (paid < sent || paid > sent + attributionWindowDays() * 86_400_000) return 'outside_window';
  const arm = armOf(recipient);
  return { campaignId: claims.campaignId, contactId: claims.contactId, ...(arm && { arm }) };
}

/** `order.paid`: the order's total joins the campaign's attributed revenue (one item per order: a redelivery rewrites it). */
export async function attributePaidOrder(paid: EventData<'order.paid'>): Promise<AttributionOutcome> {
  const found = await attributable(paid.campaignToken, paid.paidAt);
  if (typeof found === 'string') return found;
  await db()
    .entities.campaignAttribution.update({ campaignId: found.campaignId, orderId: paid.orderId })
    .set({ contactId: found.contactId, amount: paid.total.amount, currency: paid.total.currency, paidAt: paid.paidAt, ...(found.arm && { arm: found.arm }) })
    .go({ response: 'none' });
  return 'attributed';
}

/**
 * `order.refunded`: attributed revenue is net of refunds. The refunded total
 * only grows, so the larger value wins whatever order refunds arrive in; a
 * refund seen before its payment's attribution is kept and applied when it lands.
 */
export async function attributeRefund(refund: EventData<'order.refunded'>): Promise<AttributionOutcome> {
  if (!refund.campaignToken) return 'no_token';
  const { data: order } = await db().entities.order.get({ orderId: refund.orderId }).go({ attributes: ['paidAt'] });
  const found = await attributable(refund.campaignToken, order?.paidAt);
  if (typeof found === 'string') return found;
  const refunded = refund.refundedTotal.amount;
  try {
    await db()
      .entities.campaignAttribution.update({ campaignId: found.campaignId, orderId: refund.orderId })
      .set({ contactId: found.contactId, refundedAmount: refunded, ...(found.arm && { arm: found.arm }) })
      .where((a, op) => `${op.notExists(a.refundedAmount)} OR ${op.lt(a.refundedAmount, refunded)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionFailure(error)) throw error; // a larger refund total was recorded already
  }
  return 'attributed';
}
