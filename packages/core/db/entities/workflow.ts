import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * An automation (packages/features/workflows). Its definition lives in
 * immutable versions (workflowVersion); this item names the current one and
 * says what triggers it (`triggerKey`: a detail type, `schedule` or `manual`); the
 * trigger consumer keeps the list of all for 5 s and picks by it.
 */
export const workflowSchema = {
  model: { entity: 'workflow', version: '1', service: SERVICE },
  attributes: {
    workflowId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    status: { type: ['active', 'paused'] as const, required: true },
    currentVersion: { type: 'number', required: true },
    triggerKey: { type: 'string', required: true },
    template: { type: 'string' },
    /** A schedule trigger's next occurrence (ISO); the due job fires it and moves it on. */
    nextFireAt: { type: 'string' },
    /** Where the enrolment of the occurrence `nextFireAt` goes on (a segment member cursor); absent: at its start. */
    fireCursor: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['workflowId'] }, sk: { field: 'sk', composite: [] } },
    all: { index: 'gsi1', pk: { field: 'gsi1pk', composite: [] }, sk: { field: 'gsi1sk', composite: ['workflowId'] } },
  },
} as const;

export declare const workflowEntity: Db['entities']['workflow'];
