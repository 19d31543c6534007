import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { Contact } from '#packages/features/contacts/contract.ts';
import { CreateSegment, Segment, SegmentCount, SegmentListQuery, UpdateSegment } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Segments';

export const createSegment = defineRoute({
  operationId: 'createSegment',
  method: 'POST',
  path: '/v1/segments',
  handler: 'segments/create',
  permission: 'segments:write',
  summary: 'Save a filter over contacts; its membership builds in the background (status building → ready)',
  tag,
  request: { body: CreateSegment },
  responses: { 201: { description: 'Created, status building', schema: Segment } },
});

export const listSegments = defineRoute({
  operationId: 'listSegments',
  method: 'GET',
  path: '/v1/segments',
  handler: 'segments/list',
  permission: 'segments:read',
  summary: 'List segments, oldest first',
  tag,
  request: { query: SegmentListQuery },
  responses: { 200: { description: 'A page of segments', schema: listOf(Segment) } },
});

export const getSegment = defineRoute({
  operationId: 'getSegment',
  method: 'GET',
  path: '/v1/segments/{id}',
  handler: 'segments/get',
  permission: 'segments:read',
  summary: 'Get a segment with its member count and build status',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The segment', schema: Segment } },
});

export const updateSegment = defineRoute({
  operationId: 'updateSegment',
  method: 'PATCH',
  path: '/v1/segments/{id}',
  handler: 'segments/update',
  permission: 'segments:write',
  summary: 'Rename or re-describe a segment; a different filter rebuilds its membership (version + 1, status building)',
  tag,
  request: { params: IdParams, body: UpdateSegment },
  responses: { 200: { description: 'The changed segment', schema: Segment } },
});

export const deleteSegment = defineRoute({
  operationId: 'deleteSegment',
  method: 'DELETE',
  path: '/v1/segments/{id}',
  handler: 'segments/delete',
  permission: 'segments:write',
  summary: 'Delete a segment (its membership is purged in the background)',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});

export const listSegmentContacts = defineRoute({
  operationId: 'listSegmentContacts',
  method: 'GET',
  path: '/v1/segments/{id}/contacts',
  handler: 'segments/contacts',
  permission: 'segments:read',
  summary: "A page of the segment's members as contacts, in contact creation order",
  tag,
  request: { params: IdParams, query: SegmentListQuery },
  responses: { 200: { description: 'A page of contacts', schema: listOf(Contact) } },
});

export const countSegment = defineRoute({
  operationId: 'countSegment',
  method: 'GET',
  path: '/v1/segments/{id}/count',
  handler: 'segments/count',
  permission: 'segments:read',
  summary: 'How many contacts are in the segment (kept exact as members change; one read)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The count and build status', schema: SegmentCount } },
});
