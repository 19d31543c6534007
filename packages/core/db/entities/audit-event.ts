import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One audit event (issue 17): who did what to which target, written in the
 * same transaction as the change (packages/core/audit). Append-only: nothing
 * updates or deletes it, and the deployed IAM denies both on its key prefix
 * (`$eventos#audit`, infra). `hash` is the SHA-256 of its content
 * (audit-hash.ts); the day's seal chains those hashes under a tenant key.
 * Personal data only by reference: `target` and `actor` are ids, personal
 * fields in `changes` carry no values.
 */
export const auditEventSchema = {
  model: { entity: 'auditEvent', version: '1', service: SERVICE },
  attributes: {
    auditId: { type: 'string', required: true, readOnly: true },
    /** YYYY-MM-DD (UTC) of `at`: with the shard, the partitions the day's seal reads. */
    auditDay: { type: 'string', required: true, readOnly: true },
    /** 0 … AUDIT_SHARDS − 1, from the auditId (packages/core/audit/audit-shard.ts): no day or time index is one hot partition. */
    auditShard: { type: 'number', required: true, readOnly: true },
    at: { type: 'string', required: true, readOnly: true },
    /** `user:<id>`, `system:<job>`, `workflow:<id>`. */
    actor: { type: 'string', required: true, readOnly: true },
    action: { type: 'string', required: true, readOnly: true },
    /** `<entity>:<id>`, or `none` when the change has no single target. */
    target: { type: 'string', required: true, readOnly: true },
    /** JSON of AuditChange[]. */
    changes: { type: 'string', required: true, readOnly: true },
    requestId: { type: 'string', required: true, readOnly: true },
    ip: { type: 'string', readOnly: true },
    userAgent: { type: 'string', readOnly: true },
    hash: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byDay: { pk: { field: 'pk', composite: ['auditDay', 'auditShard'] }, sk: { field: 'sk', composite: ['auditId'] } },
    byTime: { index: 'gsi1', pk: { field: 'gsi1pk', composite: ['auditShard'] }, sk: { field: 'gsi1sk', composite: ['auditId'] } },
    byActor: { index: 'gsi2', pk: { field: 'gsi2pk', composite: ['actor'] }, sk: { field: 'gsi2sk', composite: ['auditId'] } },
    byTarget: { index: 'gsi3', pk: { field: 'gsi3pk', composite: ['target'] }, sk: { field: 'gsi3sk', composite: ['auditId'] } },
    byAction: { index: 'gsi4', pk: { field: 'gsi4pk', composite: ['action'] }, sk: { field: 'gsi4sk', composite: ['auditId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const auditEventEntity: Db['entities']['auditEvent'];
