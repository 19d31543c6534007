import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * A contact's standing in a workflow, for re-enrolment: written conditionally
 * when a run starts (never: only if absent; after exit: only without an
 * active run; always: only past the cool-down), cleared of `activeRunId` when
 * the run ends.
 */
export const workflowEnrolmentSchema = {
  model: { entity: 'workflowEnrolment', version: '1', service: SERVICE },
  attributes: {
    workflowId: { type: 'string', required: true, readOnly: true },
    contactId: { type: 'string', required: true, readOnly: true },
    activeRunId: { type: 'string' },
    lastEnrolledAt: { type: 'string', required: true },
    lastExitAt: { type: 'string' },
  },
  indexes: {
    byKey: { pk: { field: 'pk', composite: ['workflowId', 'contactId'] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

export declare const workflowEnrolmentEntity: Db['entities']['workflowEnrolment'];
