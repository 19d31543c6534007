import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * An order attributed to a campaign: the buyer came through a campaign link
 * (recipient token) and paid within the attribution window after the send.
 * Keyed by (campaign, order), so a redelivered `order.paid` rewrites the same
 * item; the stats sum a campaign's items with one Query.
 */
export const campaignAttributionSchema = {
  model: { entity: 'campaignAttribution', version: '1', service: SERVICE },
  attributes: {
    campaignId: { type: 'string', required: true, readOnly: true },
    orderId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string' },
    /** Minor units. Absent while only a refund has arrived (events are unordered). */
    amount: { type: 'number' },
    currency: { type: 'string' },
    /** The order's refunded total so far (minor units); revenue is net of it. */
    refundedAmount: { type: 'number' },
    paidAt: { type: 'string' },
    /** A/B tests: the recipient's arm (a variant id of the test share, or `rest`). */
    arm: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byCampaign: {
      pk: { field: 'pk', composite: ['campaignId'] },
      sk: { field: 'sk', composite: ['orderId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const campaignAttributionEntity: Db['entities']['campaignAttribution'];
