import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const INTERACTION_TYPES = ['call', 'email', 'meeting', 'message', 'visit'] as const;

/**
 * Something that happened between the team and a contact: a call, an email,
 * a meeting, a message, a visit. Always about one contact (it must exist);
 * optionally about one opportunity.
 *
 * `occurredAt` (ISO UTC, always `toISOString()` form so keys sort by time) is
 * named like every timeline entity's time attribute: the clustered collection
 * sorts on the key text, which starts with the attribute's name.
 */
export const interactionSchema = {
  model: { entity: 'interaction', version: '1', service: SERVICE },
  attributes: {
    interactionId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    /** `''` when about no opportunity (see byOpportunity). */
    opportunityId: { type: 'string', required: true },
    type: { type: INTERACTION_TYPES, required: true },
    subject: { type: 'string', required: true },
    content: { type: 'string' },
    outcome: { type: 'string' },
    nextAction: { type: 'string' },
    occurredAt: { type: 'string', required: true },
    createdBy: { type: 'string', required: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['interactionId'] }, sk: { field: 'sk', composite: [] } },
    /** `GET /v1/interactions?contactId=`, newest first, without reading the contact's other timeline kinds. */
    byContact: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['contactId'] },
      sk: { field: 'gsi1sk', composite: ['occurredAt', 'interactionId'] },
    },
    /**
     * Sparse: only interactions about an opportunity. `GET /v1/interactions?opportunityId=`.
     * ElectroDB evaluates an index condition only when every composite is present, hence '' and not absent.
     */
    byOpportunity: {
      index: 'gsi2',
      condition: (attr: { opportunityId?: string }) => !!attr.opportunityId,
      pk: { field: 'gsi2pk', composite: ['opportunityId'] },
      sk: { field: 'gsi2sk', composite: ['occurredAt', 'interactionId'] },
    },
    timeline: {
      index: 'gsi5',
      type: 'clustered',
      collection: 'timeline',
      pk: { field: 'gsi5pk', composite: ['contactId'] },
      sk: { field: 'gsi5sk', composite: ['occurredAt', 'interactionId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const interactionEntity: Db['entities']['interaction'];
