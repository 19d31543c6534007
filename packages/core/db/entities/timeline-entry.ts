import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';
import { retained } from '../retention.ts';

/**
 * One line of a contact's 360° timeline for things that are not themselves
 * timeline entities (notes, interactions and tasks are): a purchase, an
 * admission, a lead or opportunity change, a campaign event. Written by the
 * consumer or service that learns the fact, keyed so a redelivery overwrites
 * the same item instead of adding one.
 *
 * Every entity of the contact timeline shares gsi5 as the clustered
 * collection `timeline`: pk = contactId, sk = occurredAt then the entity's id,
 * so one Query, newest first, returns all kinds interleaved by time.
 */
export const timelineEntrySchema = {
  model: { entity: 'timelineEntry', version: '1', service: SERVICE },
  attributes: {
    /** Deterministic from the fact (e.g. `order.paid:<orderId>`), so writes are idempotent. */
    entryId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    occurredAt: { type: 'string', required: true, readOnly: true },
    /** `order.paid`, `ticket.checked_in`, `lead.status_changed`, `opportunity.stage_changed`, `campaign.opened`, … */
    kind: { type: 'string', required: true },
    summary: { type: 'string', required: true },
    /** The resource the line points at, e.g. `{ type: 'order', id }`. */
    refType: { type: 'string' },
    refId: { type: 'string' },
    /** Small kind-specific facts (amounts, ticket type, stage names) as JSON-safe values. */
    data: { type: 'any' },
    ...timestamps,
    ...retained('timeline'),
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['entryId'] }, sk: { field: 'sk', composite: [] } },
    timeline: {
      index: 'gsi5',
      type: 'clustered',
      collection: 'timeline',
      pk: { field: 'gsi5pk', composite: ['contactId'] },
      sk: { field: 'gsi5sk', composite: ['occurredAt', 'entryId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const timelineEntryEntity: Db['entities']['timelineEntry'];
