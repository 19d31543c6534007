import { defineRoute } from '#packages/core/route.ts';
import { LtvModel, LtvRun, StartLtvRun } from './contract.ts';

const tag = 'Lifetime value';

export const getLtvModel = defineRoute({
  operationId: 'getLifetimeValueModel',
  method: 'GET',
  path: '/v1/lifetime-value/model',
  handler: 'lifetime-value/get-model',
  permission: 'contacts:read',
  summary: 'The last lifetime-value fit (method, parameters, buyers, repeat buyers, spend/frequency correlation) and its run',
  tag,
  responses: { 200: { description: 'The model', schema: LtvModel } },
});

export const startLtvRun = defineRoute({
  operationId: 'startLifetimeValueRun',
  method: 'POST',
  path: '/v1/lifetime-value/runs',
  handler: 'lifetime-value/start-run',
  permission: 'settings:manage',
  summary: 'Start a lifetime-value run now (answers the run in progress instead when there is one)',
  tag,
  request: { body: StartLtvRun },
  responses: {
    202: { description: 'The run started', schema: LtvRun },
    200: { description: 'A run was already in progress: that one', schema: LtvRun },
  },
});
