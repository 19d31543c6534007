import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { ContactExportQuery, CreateExport, DataExportRequest, ExportJob, ExportLink, OrderExportQuery, PlainExportQuery } from './contract.ts';
import { SYNC_EXPORT_MAX_ROWS } from './sync-export.ts';

const tag = 'Exports';
const csvAnswer = {
  200: { description: 'text/csv (delivery=inline), or a presigned link (delivery=link)', schema: ExportLink },
  422: { description: `export_too_large: more than ${SYNC_EXPORT_MAX_ROWS} rows (or more than a request has time for): start an export job, POST /v1/exports` },
};

export const exportContacts = defineRoute({
  operationId: 'exportContacts',
  method: 'GET',
  path: '/v1/contacts/export',
  handler: 'exports/contacts',
  permission: 'contacts:read',
  summary: 'Contacts as CSV, by segment (segmentId) or by the list filters (tag, leadSource, companyId); cells safe to open in a spreadsheet',
  tag,
  request: { query: ContactExportQuery },
  files: 'write',
  responses: csvAnswer,
});

export const exportOrders = defineRoute({
  operationId: 'exportOrders',
  method: 'GET',
  path: '/v1/events/{id}/orders/export',
  handler: 'exports/orders',
  permission: 'orders:read',
  summary: "An event's orders as CSV (optionally of one status)",
  tag,
  request: { params: IdParams, query: OrderExportQuery },
  files: 'write',
  responses: csvAnswer,
});

export const exportCheckIns = defineRoute({
  operationId: 'exportCheckIns',
  method: 'GET',
  path: '/v1/events/{id}/check-ins/export',
  handler: 'exports/check-ins',
  permission: 'checkins:read',
  summary: "An event's check-ins (scans, admitted and refused) as CSV",
  tag,
  request: { params: IdParams, query: PlainExportQuery },
  files: 'write',
  responses: csvAnswer,
});

export const exportCampaignRecipients = defineRoute({
  operationId: 'exportCampaignRecipients',
  method: 'GET',
  path: '/v1/campaigns/{id}/recipients/export',
  handler: 'exports/campaign-recipients',
  permission: 'campaigns:read',
  summary: "A campaign's recipients with their status as CSV",
  tag,
  request: { params: IdParams, query: PlainExportQuery },
  files: 'write',
  responses: csvAnswer,
});

export const exportContactData = defineRoute({
  operationId: 'exportContactData',
  method: 'POST',
  path: '/v1/contacts/{id}/data-export',
  handler: 'exports/data-export',
  permission: 'contacts:erase',
  summary:
    'A data-subject access request: 202 and a job that gathers everything about a contact (the contact, consents, orders with tickets, timeline with check-ins and non-private notes, interactions, tasks, leads, campaign recipients) into a JSON bundle and one CSV per section; GET the Location for its status and, when ready, short-lived presigned links',
  tag,
  request: { params: IdParams },
  responses: { 202: { description: 'Requested; the Location header names it', schema: DataExportRequest } },
});

export const getDataExport = defineRoute({
  operationId: 'getDataExport',
  method: 'GET',
  path: '/v1/data-exports/{id}',
  handler: 'exports/get-data-export',
  permission: 'contacts:erase',
  summary: 'A data-subject access request: its status and, once ready, presigned download links that live 15 minutes (minted per read)',
  tag,
  request: { params: IdParams },
  files: 'read',
  responses: { 200: { description: 'The request', schema: DataExportRequest } },
});

export const createExport = defineRoute({
  operationId: 'createExport',
  method: 'POST',
  path: '/v1/exports',
  handler: 'exports/create-export',
  permission: 'exports:run',
  summary:
    "A CSV export of any size as a job: `kind` (contacts, orders, attendees, check-ins, campaign-recipients, commissions) and that kind's `filter` (the synchronous export's or list's). Needs the kind's own permission too (contacts:read, orders:read, checkins:read, campaigns:read, promoters:self — a promoter only its own ledger). 202 and a Location to follow",
  tag,
  request: { body: CreateExport },
  responses: { 202: { description: 'Queued; the Location header names it', schema: ExportJob } },
});

export const getExport = defineRoute({
  operationId: 'getExport',
  method: 'GET',
  path: '/v1/exports/{id}',
  handler: 'exports/get-export',
  permission: 'exports:run',
  summary:
    "An export job: state (queued, running, done, failed), rows and bytes so far; once done, a presigned download link that lives 5 minutes, minted per read and only for a caller holding the kind's permission",
  tag,
  request: { params: IdParams },
  files: 'read',
  responses: { 200: { description: 'The job', schema: ExportJob } },
});
