import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { CreateImport, DryRunReport, Import, ImportListQuery, ImportUpload, MappingSuggestion, MAX_CSV_BYTES, SuggestMapping } from './contract.ts';

const tag = 'Imports';

export const createImport = defineRoute({
  operationId: 'createImport',
  method: 'POST',
  path: '/v1/imports',
  handler: 'imports/create',
  permission: 'contacts:write',
  summary:
    'Import contacts from a CSV in the body (≤ 5 MB): `dryRun: true` answers 200 with one result per row and writes nothing; otherwise 202 and a chunked job (GET the import for its progress)',
  tag,
  request: { body: CreateImport },
  secrets: ['marketingTokenKey'],
  files: 'read',
  // The CSV is JSON-escaped in the body: room for its quotes and backslashes.
  maxBodyBytes: Math.ceil(MAX_CSV_BYTES * 1.1) + 16 * 1024,
  responses: {
    200: { description: 'Dry run: what each row would do', schema: DryRunReport },
    202: { description: 'Started', schema: Import },
  },
});

export const suggestImportMapping = defineRoute({
  operationId: 'suggestImportMapping',
  method: 'POST',
  path: '/v1/imports/mapping',
  handler: 'imports/suggest-mapping',
  permission: 'contacts:write',
  summary: "A column mapping suggested from the file's header row (reads nothing else)",
  tag,
  request: { body: SuggestMapping },
  maxBodyBytes: Math.ceil(MAX_CSV_BYTES * 1.1) + 16 * 1024,
  responses: { 200: { description: 'The suggestion', schema: MappingSuggestion } },
});

export const listImports = defineRoute({
  operationId: 'listImports',
  method: 'GET',
  path: '/v1/imports',
  handler: 'imports/list',
  permission: 'contacts:read',
  summary: 'Imports, newest first',
  tag,
  request: { query: ImportListQuery },
  responses: { 200: { description: 'A page of imports', schema: listOf(Import) } },
});

export const getImport = defineRoute({
  operationId: 'getImport',
  method: 'GET',
  path: '/v1/imports/{id}',
  handler: 'imports/get',
  permission: 'contacts:read',
  summary: 'An import and its progress: processed of total, created, updated, skipped (unchanged included), failed',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The import', schema: Import } },
});

export const getImportFailedRows = defineRoute({
  operationId: 'getImportFailedRows',
  method: 'GET',
  path: '/v1/imports/{id}/failed-rows',
  handler: 'imports/failed-rows',
  permission: 'contacts:read',
  summary: "The rows the import refused (text/csv): the file's columns, then line and reason; cells safe to open in a spreadsheet",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'text/csv' } },
});

export const undoImport = defineRoute({
  operationId: 'undoImport',
  method: 'POST',
  path: '/v1/imports/{id}/undo',
  handler: 'imports/undo',
  permission: 'contacts:write',
  summary:
    'Undo a finished import within 7 days: contacts it created are deleted, contacts it updated get their fields back (unless changed since); 202, progress on the import',
  tag,
  request: { params: IdParams },
  responses: { 202: { description: 'Undoing', schema: Import } },
});

export const createImportUpload = defineRoute({
  operationId: 'createImportUpload',
  method: 'POST',
  path: '/v1/imports/uploads',
  location: '/v1/imports',
  handler: 'imports/create-upload',
  permission: 'contacts:write',
  summary: 'A presigned PUT link (15 minutes) for a CSV up to 50 MB; then POST /v1/imports with its uploadId instead of csv',
  tag,
  files: 'write',
  responses: { 201: { description: 'Where to PUT the file', schema: ImportUpload } },
});
