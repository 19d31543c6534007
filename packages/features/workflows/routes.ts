import * as z from 'zod/mini';
import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { CreateWorkflow, NewWorkflowVersion, StartRun, Workflow, WorkflowRun, WorkflowTemplate } from './contract.ts';

const tag = 'Workflows';

export const listWorkflowTemplates = defineRoute({
  operationId: 'listWorkflowTemplates',
  method: 'GET',
  path: '/v1/workflow-templates',
  handler: 'workflows/templates',
  permission: 'workflows:read',
  summary: 'The ready-made workflows and their parameters',
  tag,
  responses: { 200: { description: 'The templates', schema: z.object({ items: z.array(WorkflowTemplate) }) } },
});

export const createWorkflow = defineRoute({
  operationId: 'createWorkflow',
  method: 'POST',
  path: '/v1/workflows',
  handler: 'workflows/create',
  permission: 'workflows:manage',
  summary: 'Create a workflow from a definition or a template (version 1)',
  tag,
  request: { body: CreateWorkflow },
  responses: { 201: { description: 'Created', schema: Workflow } },
});

export const listWorkflows = defineRoute({
  operationId: 'listWorkflows',
  method: 'GET',
  path: '/v1/workflows',
  handler: 'workflows/list',
  permission: 'workflows:read',
  summary: 'List workflows, oldest first',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of workflows', schema: listOf(Workflow) } },
});

export const getWorkflow = defineRoute({
  operationId: 'getWorkflow',
  method: 'GET',
  path: '/v1/workflows/{id}',
  handler: 'workflows/get',
  permission: 'workflows:read',
  summary: 'Get a workflow with its current version',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The workflow', schema: Workflow } },
});

export const createWorkflowVersion = defineRoute({
  operationId: 'createWorkflowVersion',
  method: 'POST',
  path: '/v1/workflows/{id}/versions',
  location: '/v1/workflows/{id}',
  handler: 'workflows/new-version',
  permission: 'workflows:manage',
  summary: 'A new version of the definition; runs under way stay on theirs',
  tag,
  request: { params: IdParams, body: NewWorkflowVersion },
  responses: { 201: { description: 'The workflow at its new version', schema: Workflow } },
});

export const pauseWorkflow = defineRoute({
  operationId: 'pauseWorkflow',
  method: 'POST',
  path: '/v1/workflows/{id}/pause',
  handler: 'workflows/pause',
  permission: 'workflows:manage',
  summary: 'Pause: nothing starts, waiting runs hold at their next step',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The paused workflow', schema: Workflow } },
});

export const resumeWorkflow = defineRoute({
  operationId: 'resumeWorkflow',
  method: 'POST',
  path: '/v1/workflows/{id}/resume',
  handler: 'workflows/resume',
  permission: 'workflows:manage',
  summary: 'Resume a paused workflow',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The active workflow', schema: Workflow } },
});

export const startWorkflowRun = defineRoute({
  operationId: 'startWorkflowRun',
  method: 'POST',
  path: '/v1/workflows/{id}/runs',
  location: '/v1/workflows/{id}/runs',
  handler: 'workflows/start-run',
  permission: 'workflows:manage',
  summary: 'Start a run for a contact by hand',
  tag,
  request: { params: IdParams, body: StartRun },
  responses: { 201: { description: 'The run, after its first steps', schema: WorkflowRun } },
});

export const listWorkflowRuns = defineRoute({
  operationId: 'listWorkflowRuns',
  method: 'GET',
  path: '/v1/workflows/{id}/runs',
  handler: 'workflows/runs',
  permission: 'workflows:read',
  summary: "The workflow's runs, newest first, each with its steps",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of runs', schema: listOf(WorkflowRun) } },
});
