import type { Db } from '../service.ts';
import { nowIso } from '../../clock.ts';
import { SERVICE, money, timestamps } from './common.ts';

/**
 * A saved filter over contacts with a maintained membership (segmentMember
 * items). `memberCount` changes only in the transaction that puts or deletes
 * a member, so it is exact; `version` goes up with every filter change and
 * tells a build chunk whether it is still wanted.
 */
export const segmentSchema = {
  model: { entity: 'segment', version: '1', service: SERVICE },
  attributes: {
    segmentId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    description: { type: 'string' },
    filter: {
      type: 'map',
      required: true,
      properties: {
        attendedEventId: { type: 'string' },
        boughtTicketTypeId: { type: 'string' },
        tag: { type: 'string' },
        leadStatus: { type: 'string' },
        minEngagementScore: { type: 'number' },
        minLifetimeValue: money,
        marketingConsent: { type: 'boolean' },
        attendedSessionId: { type: 'string' },
        gaveFeedbackForEventId: { type: 'string' },
        minNps: { type: 'number' },
        maxNps: { type: 'number' },
        /** Lifetime-value criteria (packages/features/lifetime-value). */
        minPredictedValue: money,
        minProbabilityActive: { type: 'number' },
        maxProbabilityActive: { type: 'number' },
      },
    },
    status: { type: ['building', 'ready'] as const, required: true },
    /** Only ever changed by ADD in a member put/delete transaction. */
    memberCount: { type: 'number', required: true, default: 0 },
    version: { type: 'number', required: true, default: 1 },
    builtAt: { type: 'string' },
    /** Where the running build continues: the contact `all` cursor after the last finished chunk. */
    buildCursor: { type: 'string' },
    /** Contacts the running build has evaluated so far (progress only). */
    buildScanned: { type: 'number' },
    createdBy: { type: 'string' },
    createdAt: timestamps.createdAt,
    /**
     * When the definition was last edited — set explicitly by the service, not
     * on every write (no `watch`): member flips and build steps write this
     * item all the time and must not move it.
     */
    updatedAt: { type: 'string', required: true, default: nowIso },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['segmentId'] }, sk: { field: 'sk', composite: [] } },
    /** Every segment, one partition: a tenant has tens or hundreds of segments, not millions. */
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['segmentId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const segmentEntity: Db['entities']['segment'];
