import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

/**
 * Which pipeline is the default. Created with the default pipeline in one
 * transaction, if absent, so concurrent first uses agree on one pipeline.
 */
export const defaultPipelineSchema = {
  model: { entity: 'defaultPipeline', version: '1', service: SERVICE },
  attributes: {
    pipelineId: { type: 'string', required: true },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: [] }, sk: { field: 'sk', composite: [] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const defaultPipelineEntity: Db['entities']['defaultPipeline'];
