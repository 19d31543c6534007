import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { CreateVenue, UpdateVenue, Venue } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Venues';

export const createVenue = defineRoute({
  operationId: 'createVenue',
  method: 'POST',
  path: '/v1/venues',
  handler: 'venues/create',
  permission: 'venues:write',
  summary: 'Create a venue',
  tag,
  request: { body: CreateVenue },
  responses: { 201: { description: 'Created', schema: Venue } },
});

export const listVenues = defineRoute({
  operationId: 'listVenues',
  method: 'GET',
  path: '/v1/venues',
  handler: 'venues/list',
  permission: 'venues:read',
  summary: 'List venues, oldest first',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of venues', schema: listOf(Venue) } },
});

export const getVenue = defineRoute({
  operationId: 'getVenue',
  method: 'GET',
  path: '/v1/venues/{id}',
  etag: true,
  handler: 'venues/get',
  permission: 'venues:read',
  summary: 'Get a venue',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The venue', schema: Venue } },
});

export const updateVenue = defineRoute({
  operationId: 'updateVenue',
  method: 'PATCH',
  path: '/v1/venues/{id}',
  ifMatch: true,
  handler: 'venues/update',
  permission: 'venues:write',
  summary: 'Change a venue',
  tag,
  request: { params: IdParams, body: UpdateVenue },
  responses: { 200: { description: 'The changed venue', schema: Venue } },
});
