import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { Bundle, CreateBundle } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

export const createBundle = defineRoute({
  operationId: 'createBundle',
  method: 'POST',
  path: '/v1/events/{id}/bundles',
  location: '/v1/events/{id}/bundles',
  handler: 'bundles/create',
  permission: 'events:write',
  summary: 'Create a bundle: ticket types × quantities at one price',
  tag: 'Bundles',
  request: { params: IdParams, body: CreateBundle },
  responses: { 201: { description: 'Created', schema: Bundle } },
});

export const listBundles = defineRoute({
  operationId: 'listBundles',
  method: 'GET',
  path: '/v1/events/{id}/bundles',
  handler: 'bundles/list',
  permission: 'events:read',
  summary: "List an event's bundles",
  tag: 'Bundles',
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of bundles', schema: listOf(Bundle) } },
});
