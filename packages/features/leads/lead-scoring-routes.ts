import { listOf } from '#packages/core/common-schemas.ts';
import {
  CreateLeadScoringRule,
  LeadScoringRule,
  LeadScoringSettings,
  RuleParams,
  UpdateLeadScoringRule,
  UpdateLeadScoringSettings,
} from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Lead scoring';

export const createLeadScoringRule = defineRoute({
  operationId: 'createLeadScoringRule',
  method: 'POST',
  path: '/v1/lead-scoring-rules',
  handler: 'leads/scoring-rules/create',
  permission: 'leads:write',
  summary: 'Add a scoring rule (e.g. company.industry eq Software → +20); every open lead is rescored',
  tag,
  request: { body: CreateLeadScoringRule },
  responses: { 201: { description: 'Created', schema: LeadScoringRule } },
});

export const listLeadScoringRules = defineRoute({
  operationId: 'listLeadScoringRules',
  method: 'GET',
  path: '/v1/lead-scoring-rules',
  handler: 'leads/scoring-rules/list',
  permission: 'leads:read',
  summary: 'List every scoring rule (at most 100, one page)',
  tag,
  responses: { 200: { description: 'The rules', schema: listOf(LeadScoringRule) } },
});

export const getLeadScoringRule = defineRoute({
  operationId: 'getLeadScoringRule',
  method: 'GET',
  path: '/v1/lead-scoring-rules/{id}',
  handler: 'leads/scoring-rules/get',
  permission: 'leads:read',
  summary: 'Get a scoring rule',
  tag,
  request: { params: RuleParams },
  responses: { 200: { description: 'The rule', schema: LeadScoringRule } },
});

export const updateLeadScoringRule = defineRoute({
  operationId: 'updateLeadScoringRule',
  method: 'PATCH',
  path: '/v1/lead-scoring-rules/{id}',
  handler: 'leads/scoring-rules/update',
  permission: 'leads:write',
  summary: 'Change a scoring rule; every open lead is rescored',
  tag,
  request: { params: RuleParams, body: UpdateLeadScoringRule },
  responses: { 200: { description: 'The changed rule', schema: LeadScoringRule } },
});

export const deleteLeadScoringRule = defineRoute({
  operationId: 'deleteLeadScoringRule',
  method: 'DELETE',
  path: '/v1/lead-scoring-rules/{id}',
  handler: 'leads/scoring-rules/delete',
  permission: 'leads:write',
  summary: 'Delete a scoring rule; every open lead is rescored',
  tag,
  request: { params: RuleParams },
  responses: { 204: { description: 'Deleted' } },
});

export const getLeadScoringSettings = defineRoute({
  operationId: 'getLeadScoringSettings',
  method: 'GET',
  path: '/v1/lead-scoring-settings',
  handler: 'leads/scoring-settings/get',
  permission: 'leads:read',
  summary: 'The scoring settings: the cap on a lead score (default 100)',
  tag,
  responses: { 200: { description: 'The settings', schema: LeadScoringSettings } },
});

export const updateLeadScoringSettings = defineRoute({
  operationId: 'updateLeadScoringSettings',
  method: 'PUT',
  path: '/v1/lead-scoring-settings',
  handler: 'leads/scoring-settings/update',
  permission: 'leads:write',
  summary: 'Set the cap on a lead score; every open lead is rescored',
  tag,
  request: { body: UpdateLeadScoringSettings },
  responses: { 200: { description: 'The settings', schema: LeadScoringSettings } },
});
