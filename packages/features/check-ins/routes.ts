import { IdParams } from '#packages/core/common-schemas.ts';
import {
  CheckInBatch,
  CheckInBatchResult,
  CheckInList,
  CheckInListPage,
  CheckInListQuery,
  CheckInPage,
  CheckInRequest,
  CheckInResult,
  CreateCheckInList,
  ListParams,
  ScannerBundle,
} from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Check-in';

export const checkIn = defineRoute({
  operationId: 'checkIn',
  method: 'POST',
  path: '/v1/events/{id}/check-ins',
  location: '/v1/events/{id}/check-ins',
  handler: 'check-ins/scan',
  permission: 'checkins:write',
  summary: 'Scan a ticket at a gate: admit (entry) or let out (exit); exactly one admission when several gates scan at once',
  tag,
  request: { params: IdParams, body: CheckInRequest },
  secrets: ['ticketSigningKey'],
  ownFunction: 'the door: latency-critical at every gate, and it holds the ticket-signing key the rest of check-ins must not see',
  responses: {
    201: { description: 'Admitted (or let out); the same nonce again returns this answer', schema: CheckInResult },
    404: { description: 'invalid: unknown or forged code' },
    409: { description: 'already_checked_in (firstCheckedInAt, firstDeviceId) or not_checked_in (exit)' },
    422: { description: 'wrong_event, canceled, unpaid, invalid_time or product' },
  },
});

export const checkInBatch = defineRoute({
  operationId: 'checkInBatch',
  method: 'POST',
  path: '/v1/events/{id}/check-ins/batch',
  handler: 'check-ins/batch',
  permission: 'checkins:write',
  summary: 'Upload up to 500 offline scans; one result each; re-uploading creates nothing new',
  tag,
  request: { params: IdParams, body: CheckInBatch },
  secrets: ['ticketSigningKey'],
  ownFunction: 'offline scanners upload here: it holds the ticket-signing key, which the check-in lists and the scanner bundle must not see',
  responses: { 200: { description: 'A result per scan, in order', schema: CheckInBatchResult } },
});

export const listCheckIns = defineRoute({
  operationId: 'listCheckIns',
  method: 'GET',
  path: '/v1/events/{id}/check-ins',
  handler: 'check-ins/list',
  permission: 'checkins:read',
  summary: 'The scan audit trail of an event, by device or list, newest last; `since` bounds receivedAt',
  tag,
  request: { params: IdParams, query: CheckInListQuery },
  responses: { 200: { description: 'A page of scans', schema: CheckInPage } },
});

export const createCheckInList = defineRoute({
  operationId: 'createCheckInList',
  method: 'POST',
  path: '/v1/events/{id}/check-in-lists',
  handler: 'check-ins/create-list',
  permission: 'events:write',
  summary: 'Create a check-in list: which ticket types admit, when, and the re-entry rules',
  tag,
  request: { params: IdParams, body: CreateCheckInList },
  responses: { 201: { description: 'The list', schema: CheckInList }, 404: { description: 'No such event' }, 422: { description: 'unknown_ticket_type' } },
});

export const listCheckInLists = defineRoute({
  operationId: 'listCheckInLists',
  method: 'GET',
  path: '/v1/events/{id}/check-in-lists',
  handler: 'check-ins/list-lists',
  permission: 'checkins:read',
  summary: "An event's check-in lists, the default one (id = event id) included",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every list', schema: CheckInListPage } },
});

export const getCheckInList = defineRoute({
  operationId: 'getCheckInList',
  method: 'GET',
  path: '/v1/events/{id}/check-in-lists/{listId}',
  handler: 'check-ins/get-list',
  permission: 'checkins:read',
  summary: 'One check-in list',
  tag,
  request: { params: ListParams },
  responses: { 200: { description: 'The list', schema: CheckInList }, 404: { description: 'No such list' } },
});

export const scannerBundle = defineRoute({
  operationId: 'getScannerBundle',
  method: 'GET',
  path: '/v1/events/{id}/scanner-bundle',
  handler: 'check-ins/scanner-bundle',
  permission: 'checkins:read',
  summary: 'What an offline scanner needs: SHA-256 digests of ticket codes, ticket types and list rules (never the signing key)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The bundle (docs/scanner.md)', schema: ScannerBundle }, 404: { description: 'No such event' } },
});
