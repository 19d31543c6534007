import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * Attribution touches (packages/features/analytics/touches.ts). A visit: one
 * landing recorded through POST /v1/events/{id}/visits, its id the token an
 * order names (`visitToken`), gone after the attribution window (TTL). A
 * first touch: what first brought a contact, written once (put if absent) and
 * never changed, read by every later order's attribution.
 */
export const visitSchema = {
  model: { entity: 'visit', version: '1', service: SERVICE },
  attributes: {
    visitId: { type: 'string', required: true, readOnly: true },
    eventId: { type: 'string', required: true },
    at: { type: 'string', required: true },
    /** events/catalog/shapes.ts `touchSchema`. */
    touch: { type: 'any', required: true },
    contactId: { type: 'string' },
    ttl: { type: 'number', required: true },
  },
  indexes: { byId: { pk: { field: 'pk', composite: ['visitId'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export const firstTouchSchema = {
  model: { entity: 'firstTouch', version: '1', service: SERVICE },
  attributes: {
    contactId: { type: 'string', required: true, readOnly: true },
    touch: { type: 'any', required: true },
    recordedAt: { type: 'string', required: true },
  },
  indexes: { byContact: { pk: { field: 'pk', composite: ['contactId'] }, sk: { field: 'sk', composite: [] } } },
} as const;

export declare const visitEntity: Db['entities']['visit'];
export declare const firstTouchEntity: Db['entities']['firstTouch'];
