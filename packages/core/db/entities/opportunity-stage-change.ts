import type { Db } from '../service.ts';
import { SERVICE } from './common.ts';

/**
 * One move of an opportunity between stages (the first one, from nowhere, is
 * its creation). In the opportunity's partition, so its history is one Query.
 */
export const opportunityStageChangeSchema = {
  model: { entity: 'opportunityStageChange', version: '1', service: SERVICE },
  attributes: {
    opportunityId: { type: 'string', required: true, readOnly: true },
    /** ULID: the history sorts by it. */
    changeId: { type: 'string', required: true, readOnly: true },
    pipelineId: { type: 'string', required: true },
    fromStageId: { type: 'string' },
    fromStageName: { type: 'string' },
    toStageId: { type: 'string', required: true },
    toStageName: { type: 'string', required: true },
    at: { type: 'string', required: true },
    by: { type: 'string', required: true },
  },
  indexes: {
    byOpportunity: {
      pk: { field: 'pk', composite: ['opportunityId'] },
      sk: { field: 'sk', composite: ['changeId'] },
    },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const opportunityStageChangeEntity: Db['entities']['opportunityStageChange'];
