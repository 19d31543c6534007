import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { CreatePipeline, Forecast, ForecastQuery, Pipeline, PipelineListQuery, UpdatePipeline } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Pipelines';

export const createPipeline = defineRoute({
  operationId: 'createPipeline',
  method: 'POST',
  path: '/v1/pipelines',
  handler: 'pipelines/create',
  permission: 'opportunities:write',
  summary: 'Create a pipeline: ordered stages with probabilities, exactly one won and one lost stage',
  tag,
  request: { body: CreatePipeline },
  responses: { 201: { description: 'Created', schema: Pipeline } },
});

export const listPipelines = defineRoute({
  operationId: 'listPipelines',
  method: 'GET',
  path: '/v1/pipelines',
  handler: 'pipelines/list',
  permission: 'opportunities:read',
  summary: 'List pipelines (the default one is created on first use)',
  tag,
  request: { query: PipelineListQuery },
  responses: { 200: { description: 'A page of pipelines', schema: listOf(Pipeline) } },
});

export const getPipeline = defineRoute({
  operationId: 'getPipeline',
  method: 'GET',
  path: '/v1/pipelines/{id}',
  handler: 'pipelines/get',
  permission: 'opportunities:read',
  summary: 'Get a pipeline with its stages',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The pipeline', schema: Pipeline } },
});

export const updatePipeline = defineRoute({
  operationId: 'updatePipeline',
  method: 'PATCH',
  path: '/v1/pipelines/{id}',
  handler: 'pipelines/update',
  permission: 'opportunities:write',
  summary: 'Rename a pipeline or change its stages (existing stages stay, with their kind)',
  tag,
  request: { params: IdParams, body: UpdatePipeline },
  responses: { 200: { description: 'The changed pipeline', schema: Pipeline } },
});

export const getForecast = defineRoute({
  operationId: 'getForecast',
  method: 'GET',
  path: '/v1/pipeline/forecast',
  handler: 'pipelines/forecast',
  permission: 'opportunities:read',
  summary: 'Open, weighted (Σ amount × probability, won at 100 %), won and lost amounts by stage and owner, for opportunities closing in [from, to]',
  tag,
  request: { query: ForecastQuery },
  responses: { 200: { description: 'The forecast', schema: Forecast } },
});
