import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One fixed window of a rate limit for one subject (a hashed ip, a link):
 * the requests counted in it. Taken by one UpdateItem conditioned on the
 * count being under the limit, so every Lambda instance counts against the
 * same item; DynamoDB's TTL removes it a window after it closes.
 */
export const rateWindowSchema = {
  model: { entity: 'rateWindow', version: '1', service: SERVICE },
  attributes: {
    /** `<limit name>#<subject>`. */
    key: { type: 'string', required: true, readOnly: true },
    /** The window's start, epoch seconds. */
    windowStart: { type: 'number', required: true, readOnly: true },
    count: { type: 'number' },
    ttl: { type: 'number' },
  },
  indexes: {
    byWindow: { pk: { field: 'pk', composite: ['key', 'windowStart'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const rateWindowEntity: Db['entities']['rateWindow'];
