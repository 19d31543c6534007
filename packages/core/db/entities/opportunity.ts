import { revisioned } from '../revisions.ts';
import type { Db } from '../service.ts';
import { SERVICE, money, timestamps } from './common.ts';
import { STAGE_KINDS } from './pipeline.ts';

/**
 * A deal in a pipeline. `status` is the kind of its stage, kept with every
 * stage change. The forecast reads one Query of `byPipelineClose`: every
 * opportunity of a pipeline whose expectedCloseDate is in a range.
 */
export const opportunitySchema = {
  model: { entity: 'opportunity', version: '1', service: SERVICE },
  attributes: {
    opportunityId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    contactId: { type: 'string' },
    companyId: { type: 'string' },
    pipelineId: { type: 'string', required: true },
    stageId: { type: 'string', required: true },
    status: { type: STAGE_KINDS, required: true },
    amount: { ...money, required: true },
    /** YYYY-MM-DD. */
    expectedCloseDate: { type: 'string', required: true },
    assignedTo: { type: 'string' },
    leadId: { type: 'string', readOnly: true },
    /** When it entered a won or lost stage; removed when it moves back to an open one. */
    closedAt: { type: 'string' },
    createdBy: { type: 'string' },
    ...timestamps,
    ...revisioned,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: ['opportunityId'] }, sk: { field: 'sk', composite: [] } },
    byPipelineClose: {
      index: 'gsi1',
      pk: { field: 'gsi1pk', composite: ['pipelineId'] },
      sk: { field: 'gsi1sk', composite: ['expectedCloseDate', 'opportunityId'] },
    },
    all: {
      index: 'gsi2',
      pk: { field: 'gsi2pk', composite: [] },
      sk: { field: 'gsi2sk', composite: ['opportunityId'] },
    },
    /** Sparse: only opportunities with a contact. */
    byContact: {
      index: 'gsi3',
      pk: { field: 'gsi3pk', composite: ['contactId'] },
      sk: { field: 'gsi3sk', composite: [] },
      condition: (attr: { contactId?: string }) => attr.contactId !== undefined,
    },
    /** Sparse: only assigned opportunities. */
    byOwner: {
      index: 'gsi4',
      pk: { field: 'gsi4pk', composite: ['assignedTo'] },
      sk: { field: 'gsi4sk', composite: [] },
      condition: (attr: { assignedTo?: string }) => attr.assignedTo !== undefined,
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const opportunityEntity: Db['entities']['opportunity'];
