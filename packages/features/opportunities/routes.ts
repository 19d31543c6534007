import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import {
  CreateOpportunity,
  MoveOpportunityStage,
  Opportunity,
  OpportunityListQuery,
  StageChange,
  UpdateOpportunity,
} from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Opportunities';

export const createOpportunity = defineRoute({
  operationId: 'createOpportunity',
  method: 'POST',
  path: '/v1/opportunities',
  handler: 'opportunities/create',
  permission: 'opportunities:write',
  summary: 'Create an opportunity (default pipeline and its first stage unless named)',
  tag,
  request: { body: CreateOpportunity },
  responses: { 201: { description: 'Created', schema: Opportunity } },
});

export const listOpportunities = defineRoute({
  operationId: 'listOpportunities',
  method: 'GET',
  path: '/v1/opportunities',
  handler: 'opportunities/list',
  permission: 'opportunities:read',
  summary: "List opportunities, or a pipeline's (by expected close date), a contact's or an owner's (`assignedTo=me`)",
  tag,
  request: { query: OpportunityListQuery },
  responses: { 200: { description: 'A page of opportunities', schema: listOf(Opportunity) } },
});

export const getOpportunity = defineRoute({
  operationId: 'getOpportunity',
  method: 'GET',
  path: '/v1/opportunities/{id}',
  etag: true,
  handler: 'opportunities/get',
  permission: 'opportunities:read',
  summary: 'Get an opportunity',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The opportunity', schema: Opportunity } },
});

export const updateOpportunity = defineRoute({
  operationId: 'updateOpportunity',
  method: 'PATCH',
  path: '/v1/opportunities/{id}',
  ifMatch: true,
  handler: 'opportunities/update',
  permission: 'opportunities:write',
  summary: 'Change an opportunity; a new stageId is a recorded stage change',
  tag,
  request: { params: IdParams, body: UpdateOpportunity },
  responses: { 200: { description: 'The changed opportunity', schema: Opportunity } },
});

export const moveOpportunityStage = defineRoute({
  operationId: 'moveOpportunityStage',
  method: 'POST',
  path: '/v1/opportunities/{id}/stage',
  handler: 'opportunities/stage',
  permission: 'opportunities:write',
  summary: "Move an opportunity to another stage of its pipeline (recorded in its history and the contact's timeline)",
  tag,
  request: { params: IdParams, body: MoveOpportunityStage },
  responses: { 200: { description: 'The moved opportunity', schema: Opportunity } },
});

export const getOpportunityHistory = defineRoute({
  operationId: 'getOpportunityHistory',
  method: 'GET',
  path: '/v1/opportunities/{id}/history',
  handler: 'opportunities/history',
  permission: 'opportunities:read',
  summary: "An opportunity's stage changes, oldest first",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of stage changes', schema: listOf(StageChange) } },
});
