import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One `Idempotency-Key` use (README §2). Written `in_progress` with a
 * conditional put before a POST handler runs, then either turned `completed`
 * with the final response or deleted (5xx, or the request never reached the
 * handler), so a retry may run again.
 *
 * Access pattern: GetItem / conditional Put / conditional Update / conditional
 * Delete on `pk = $eventos#recordid_<recordId>`, `sk = $idempotencyRecord_1`.
 * No index. DynamoDB's TTL on `ttl` removes records after 48 h; since TTL
 * deletion is lazy, readers treat `ttl < now` as absent too.
 */
export const idempotencyRecordSchema = {
  model: { entity: 'idempotencyRecord', version: '1', service: SERVICE },
  attributes: {
    /**
     * SHA-256 (hex) of [caller scope, route, key]. Hashing keeps the client's
     * case-sensitive, free-form key out of ElectroDB's lower-cased,
     * `#`-delimited key format, so `Abc` and `abc` never share a record.
     */
    recordId: { type: 'string', required: true, readOnly: true },
    /** `user:<sub>` or `anonymous`; kept for debugging, the key is not stored. */
    scope: { type: 'string', required: true, readOnly: true },
    /** The route key, `POST /v1/contacts`. */
    route: { type: 'string', required: true, readOnly: true },
    /** SHA-256 of method, route, path and query parameters and the canonical body. */
    fingerprint: { type: 'string', required: true, readOnly: true },
    status: { type: ['in_progress', 'completed'] as const, required: true },
    /** Random per attempt: only the request that holds the lock may complete or release it. */
    lockToken: { type: 'string', required: true },
    /** Epoch ms after which an `in_progress` record is abandoned (its Lambda can no longer be running). */
    lockExpiresAt: { type: 'number', required: true },
    /** JSON of the stored API Gateway result: statusCode, headers, body, isBase64Encoded, cookies. */
    response: { type: 'string' },
    createdAt: { type: 'string', required: true },
    completedAt: { type: 'string' },
    /** Epoch seconds; the table's TTL attribute. */
    ttl: { type: 'number', required: true },
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['recordId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const idempotencyRecordEntity: Db['entities']['idempotencyRecord'];
