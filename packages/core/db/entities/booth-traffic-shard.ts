import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Slices of each event's booth-traffic counters: a scan adds to one picked at random, a read sums all. */
export const BOOTH_TRAFFIC_SHARDS = 8;

/** Visits of one booth in one hour, on one slice of the event's counters (never one hot item). */
export const boothTrafficShardSchema = {
  model: { entity: 'boothTrafficShard', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
    /** `2026-12-01T10` (UTC). */
    hour: { type: 'string', required: true, readOnly: true },
    boothGuid: { type: 'string', required: true, readOnly: true },
    exhibitorId: { type: 'string' },
    visits: { type: 'number' },
  },
  indexes: {
    byShard: { pk: { field: 'pk', composite: ['eventId', 'shard'] }, sk: { field: 'sk', composite: ['hour', 'boothGuid'] } },
  },
} as const;

export declare const boothTrafficShardEntity: Db['entities']['boothTrafficShard'];
