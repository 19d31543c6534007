import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A contact's current consent to one purpose: the newest consentRecord's
 * state, written in the same transaction as that record (so the two never
 * disagree). In the contact's partition: one Query lists every purpose.
 */
export const consentStateSchema = {
  model: { entity: 'consentState', version: '1', service: SERVICE },
  attributes: {
    contactId: { type: 'string', required: true, readOnly: true },
    purpose: { type: 'string', required: true, readOnly: true },
    state: { type: ['granted', 'withdrawn', 'pending'] as const, required: true },
    legalBasis: { type: 'string' },
    method: { type: 'string' },
    /** The record this state comes from; a double opt-in confirmation is conditioned on it. */
    recordId: { type: 'string', required: true },
    at: { type: 'string', required: true },
  },
  indexes: {
    byContact: {
      pk: { field: 'pk', composite: ['contactId'] },
      sk: { field: 'sk', composite: ['purpose'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const consentStateEntity: Db['entities']['consentState'];
