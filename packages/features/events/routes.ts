import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { CreateEvent, Event, UpdateEvent } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Events';

export const createEvent = defineRoute({
  operationId: 'createEvent',
  method: 'POST',
  path: '/v1/events',
  handler: 'events/create',
  permission: 'events:write',
  summary: 'Create an event (as a draft)',
  tag,
  request: { body: CreateEvent },
  responses: { 201: { description: 'Created', schema: Event } },
});

export const listEvents = defineRoute({
  operationId: 'listEvents',
  method: 'GET',
  path: '/v1/events',
  handler: 'events/list',
  permission: 'events:read',
  summary: 'List events, oldest first',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of events', schema: listOf(Event) } },
});

export const getEvent = defineRoute({
  operationId: 'getEvent',
  method: 'GET',
  path: '/v1/events/{id}',
  etag: true,
  handler: 'events/get',
  permission: 'events:read',
  summary: 'Get an event',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The event', schema: Event } },
});

export const updateEvent = defineRoute({
  operationId: 'updateEvent',
  method: 'PATCH',
  path: '/v1/events/{id}',
  ifMatch: true,
  handler: 'events/update',
  permission: 'events:write',
  summary: 'Change an event that is not canceled',
  tag,
  request: { params: IdParams, body: UpdateEvent },
  responses: { 200: { description: 'The changed event', schema: Event } },
});

export const publishEvent = defineRoute({
  operationId: 'publishEvent',
  method: 'POST',
  path: '/v1/events/{id}/publish',
  handler: 'events/publish',
  permission: 'events:publish',
  summary: 'Publish a draft event (emits event.published)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The published event', schema: Event } },
});

export const cancelEvent = defineRoute({
  operationId: 'cancelEvent',
  method: 'POST',
  path: '/v1/events/{id}/cancel',
  handler: 'events/cancel',
  permission: 'events:publish',
  summary: 'Cancel a draft or published event',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The canceled event', schema: Event } },
});
