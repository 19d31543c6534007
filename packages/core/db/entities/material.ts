import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A file of an event or one of its sessions (slides, a recording) in the
 * tenant's bucket, under `materials/{eventId}/{materialId}`. `access` says who
 * may get a download link; `downloads` counts the links issued.
 */
export const materialSchema = {
  model: { entity: 'material', version: '1', service: SERVICE },
  attributes: {
    eventId: { type: 'string', required: true, readOnly: true },
    materialId: { type: 'string', required: true, readOnly: true },
    sessionId: { type: 'string' },
    title: { type: 'string', required: true },
    kind: { type: ['slides', 'recording', 'document', 'other'] as const, required: true },
    access: { type: ['public', 'registered', 'attended', 'speaker', 'sponsor'] as const, required: true },
    fileKey: { type: 'string', required: true, readOnly: true },
    contentType: { type: 'string', required: true },
    fileName: { type: 'string' },
    downloads: { type: 'number', required: true, default: 0 },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byEvent: { collection: 'agenda', pk: { field: 'pk', composite: ['eventId'] }, sk: { field: 'sk', composite: ['materialId'] } },
  },
} as const;

export declare const materialEntity: Db['entities']['material'];
