import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** Slices of an event's live counters: writers pick one at random, a stats read sums all. */
export const STATS_SHARDS = 10;

/**
 * Live attendance and sales counters of an event, sliced so 50,000 scans a
 * minute (≈ 830/s) spread over ten items instead of one hot key. ElectroDB
 * models only the key: the counters are top-level numeric attributes named
 * `c_<metric>` (e.g. `c_checkedIn`, `c_inside`, `c_list_<id>`,
 * `c_type_<id>`, `c_arr_<5-min bucket>`), written with a plain DynamoDB
 * `ADD` (which starts a missing one at zero) and read raw.
 */
export const statsShardSchema = {
  model: { entity: 'statsShard', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    shard: { type: 'number', required: true, readOnly: true },
  },
  indexes: {
    byShard: {
      pk: { field: 'pk', composite: ['eventId', 'shard'] },
      sk: { field: 'sk', composite: [] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const statsShardEntity: Db['entities']['statsShard'];
