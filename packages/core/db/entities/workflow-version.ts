import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/** One version of a workflow's definition (JSON): written once, never changed; runs keep theirs. */
export const workflowVersionSchema = {
  model: { entity: 'workflowVersion', version: '1', service: SERVICE },
  attributes: {
    workflowId: { type: 'string', required: true, readOnly: true },
    version: { type: 'number', required: true, readOnly: true },
    definition: { type: 'string', required: true, readOnly: true },
    createdAt: { type: 'string', required: true, readOnly: true },
  },
  indexes: {
    byWorkflow: { pk: { field: 'pk', composite: ['workflowId'] }, sk: { field: 'sk', composite: ['version'] } },
  },
} as const;

export declare const workflowVersionEntity: Db['entities']['workflowVersion'];
