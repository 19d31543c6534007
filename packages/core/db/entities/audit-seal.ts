import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A sealed audit day: the keyed chain over the day's audit items in ULID
 * order, starting from the previous sealed day's digest (audit-seal job).
 * Written once (create); under the same denied key prefix as the items.
 */
export const auditSealSchema = {
  model: { entity: 'auditSeal', version: '1', service: SERVICE },
  attributes: {
    auditSealDay: { type: 'string', required: true, readOnly: true },
    digest: { type: 'string', required: true, readOnly: true },
    previousDay: { type: 'string', readOnly: true },
    previousDigest: { type: 'string', required: true, readOnly: true },
    count: { type: 'number', required: true, readOnly: true },
    lastAuditId: { type: 'string', readOnly: true },
    sealedAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byDay: { pk: { field: 'pk', composite: ['auditSealDay'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['auditSealDay'] } },
  },
} as const;

export declare const auditSealEntity: Db['entities']['auditSeal'];
