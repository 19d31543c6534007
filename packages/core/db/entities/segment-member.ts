import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * "Contact X is in segment Y", one item per pair, in the segment's partition:
 * a page of members is one Query, in contactId (ULID, so creation) order.
 * Put and deleted only together with an ADD on the segment's memberCount.
 */
export const segmentMemberSchema = {
  model: { entity: 'segmentMember', version: '1', service: SERVICE },
  attributes: {
    segmentId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    addedAt: { type: 'string', required: true },
  },
  indexes: {
    bySegment: { pk: { field: 'pk', composite: ['segmentId'] }, sk: { field: 'sk', composite: ['contactId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const segmentMemberEntity: Db['entities']['segmentMember'];
