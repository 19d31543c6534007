import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const WEBHOOK_DISABLED_REASONS = ['gone', 'failing', 'manual'] as const;

/**
 * Where signed deliveries of domain events go (packages/features/webhooks).
 *
 * `secret` is the Standard Webhooks signing secret (`whsec_…`); it is answered
 * once (on creation and on rotation) and never again. `previousSecret` keeps
 * signing beside the new one until `previousSecretExpiresAt` (24 h after a
 * rotation), so a receiver can switch without dropping deliveries.
 *
 * `failingSince` is set by the first failed attempt after a success and cleared
 * by the next success: 24 h later the admins are mailed (`alertedAt`), 5 days
 * later the endpoint is disabled with reason `failing`.
 */
export const webhookEndpointSchema = {
  model: { entity: 'webhookEndpoint', version: '1', service: SERVICE },
  attributes: {
    endpointId: { type: 'string', required: true, readOnly: true },
    url: { type: 'string', required: true },
    description: { type: 'string' },
    /** Detail types of the event catalog, or `['*']` for all. */
    eventTypes: { type: 'list', items: { type: 'string' }, required: true },
    status: { type: ['enabled', 'disabled'] as const, required: true },
    disabledReason: { type: WEBHOOK_DISABLED_REASONS },
    disabledAt: { type: 'string' },
    secret: { type: 'string', required: true },
    previousSecret: { type: 'string' },
    previousSecretExpiresAt: { type: 'string' },
    failingSince: { type: 'string' },
    alertedAt: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['endpointId'] }, sk: { field: 'sk', composite: [] } },
    all: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: [] },
      sk: { field: 'gsi1sk', composite: ['endpointId'] },
    },
  },
} as const;

export declare const webhookEndpointEntity: Db['entities']['webhookEndpoint'];
