import type { Db } from '../service.ts';
import { SERVICE, timestamps } from './common.ts';

export const STAGE_KINDS = ['open', 'won', 'lost'] as const;
export type StageKind = (typeof STAGE_KINDS)[number];

/**
 * A sales pipeline with its ordered stages. Pipelines are few, so they share
 * one partition: listing them is one Query, reading one a GetItem.
 */
export const pipelineSchema = {
  model: { entity: 'pipeline', version: '1', service: SERVICE },
  attributes: {
    pipelineId: { type: 'string', required: true, readOnly: true },
    name: { type: 'string', required: true },
    stages: {
      type: 'list',
      required: true,
      items: {
        type: 'map',
        properties: {
          stageId: { type: 'string', required: true },
          name: { type: 'string', required: true },
          probability: { type: 'number', required: true },
          kind: { type: STAGE_KINDS, required: true },
        },
      },
    },
    createdBy: { type: 'string' },
    ...timestamps,
  },
  indexes: {
    byId: { pk: { field: 'pk', composite: [] }, sk: { field: 'sk', composite: ['pipelineId'] } },
  },
} as const;

/** Built by db() on first use (packages/core/db/service.ts); this names its type. */
export declare const pipelineEntity: Db['entities']['pipeline'];
