import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * A purpose the tenant asks consent for, with the text shown for it. The
 * built-in ones (packages/features/consents/purposes.ts) exist without an
 * item; a PUT stores the tenant's own wording or a new purpose. Purposes with
 * `channel: email` are the subscription types of the preference centre.
 */
export const consentPurposeSchema = {
  model: { entity: 'consentPurpose', version: '1', service: SERVICE },
  attributes: {
    purposeId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    text: { type: 'string', required: true },
    textHash: { type: 'string', required: true },
    channel: { type: ['email', 'sms', 'none'] as const, required: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['purposeId'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['purposeId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const consentPurposeEntity: Db['entities']['consentPurpose'];
