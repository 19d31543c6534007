import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { CreateTicketType, TicketType, TicketTypeParams, UpdateTicketType } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Ticket types';

export const createTicketType = defineRoute({
  operationId: 'createTicketType',
  method: 'POST',
  path: '/v1/events/{id}/ticket-types',
  handler: 'ticket-types/create',
  permission: 'events:write',
  summary: "Add a ticket type to an event (price in the event's currency)",
  tag,
  request: { params: IdParams, body: CreateTicketType },
  responses: { 201: { description: 'Created', schema: TicketType } },
});

export const listTicketTypes = defineRoute({
  operationId: 'listTicketTypes',
  method: 'GET',
  path: '/v1/events/{id}/ticket-types',
  handler: 'ticket-types/list',
  permission: 'events:read',
  summary: "List an event's ticket types",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of ticket types', schema: listOf(TicketType) } },
});

export const getTicketType = defineRoute({
  operationId: 'getTicketType',
  method: 'GET',
  path: '/v1/events/{id}/ticket-types/{ticketTypeId}',
  etag: true,
  handler: 'ticket-types/get',
  permission: 'events:read',
  summary: 'Get a ticket type',
  tag,
  request: { params: TicketTypeParams },
  responses: { 200: { description: 'The ticket type', schema: TicketType } },
});

export const updateTicketType = defineRoute({
  operationId: 'updateTicketType',
  method: 'PATCH',
  path: '/v1/events/{id}/ticket-types/{ticketTypeId}',
  ifMatch: true,
  handler: 'ticket-types/update',
  permission: 'events:write',
  summary: 'Change a ticket type',
  tag,
  request: { params: TicketTypeParams, body: UpdateTicketType },
  responses: { 200: { description: 'The changed ticket type', schema: TicketType } },
});
