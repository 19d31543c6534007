import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { CreateInteraction, Interaction, InteractionListQuery, UpdateInteraction } from './interactions-contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Interactions';

export const createInteraction = defineRoute({
  operationId: 'createInteraction',
  method: 'POST',
  path: '/v1/interactions',
  handler: 'activities/interactions/create',
  permission: 'activities:write',
  summary: 'Record a call, email, meeting, message or visit with a contact (422 unknown_contact if it does not exist)',
  tag,
  request: { body: CreateInteraction },
  responses: { 201: { description: 'Created', schema: Interaction }, 422: { description: 'unknown_contact' } },
});

export const listInteractions = defineRoute({
  operationId: 'listInteractions',
  method: 'GET',
  path: '/v1/interactions',
  handler: 'activities/interactions/list',
  permission: 'activities:read',
  summary: "A contact's (?contactId=) or an opportunity's (?opportunityId=) interactions, newest first",
  tag,
  request: { query: InteractionListQuery },
  responses: { 200: { description: 'A page of interactions', schema: listOf(Interaction) } },
});

export const getInteraction = defineRoute({
  operationId: 'getInteraction',
  method: 'GET',
  path: '/v1/interactions/{id}',
  handler: 'activities/interactions/get',
  permission: 'activities:read',
  summary: 'Get an interaction',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The interaction', schema: Interaction } },
});

export const updateInteraction = defineRoute({
  operationId: 'updateInteraction',
  method: 'PATCH',
  path: '/v1/interactions/{id}',
  handler: 'activities/interactions/update',
  permission: 'activities:write',
  summary: 'Change an interaction (null clears an optional field; the contact stays)',
  tag,
  request: { params: IdParams, body: UpdateInteraction },
  responses: { 200: { description: 'The changed interaction', schema: Interaction }, 409: { description: 'concurrent_update' } },
});

export const deleteInteraction = defineRoute({
  operationId: 'deleteInteraction',
  method: 'DELETE',
  path: '/v1/interactions/{id}',
  handler: 'activities/interactions/delete',
  permission: 'activities:write',
  summary: 'Delete an interaction',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});
