import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { ContactExportQuery, DataExportRequest, ExportLink, OrderExportQuery, PlainExportQuery } from './contract.ts';

const tag = 'Exports';
const csvAnswer = { 200: { description: 'text/csv (delivery=inline), or a presigned link (delivery=link)', schema: ExportLink } };

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
