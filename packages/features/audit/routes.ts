import { listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { AuditEventView, AuditVerification, ExportAuditQuery, ListAuditQuery, VerifyAuditQuery } from './contract.ts';

const tag = 'Audit';

export const listAuditEvents = defineRoute({
  operationId: 'listAuditEvents',
  method: 'GET',
  path: '/v1/audit',
  handler: 'audit/list',
  permission: 'audit:read',
  summary: 'The audit log, newest first, by actor, target, action and time',
  tag,
  request: { query: ListAuditQuery },
  responses: { 200: { description: 'A page of audit events', schema: listOf(AuditEventView) } },
});

export const exportAuditEvents = defineRoute({
  operationId: 'exportAuditEvents',
  method: 'GET',
  path: '/v1/audit/export',
  handler: 'audit/export',
  permission: 'audit:read',
  summary: 'The audit log as CSV or JSON lines (up to 10,000 events; narrow by time for more)',
  tag,
  request: { query: ExportAuditQuery },
  responses: { 200: { description: 'text/csv or application/x-ndjson' } },
});

export const verifyAuditDay = defineRoute({
  operationId: 'verifyAuditDay',
  method: 'GET',
  path: '/v1/audit/verify',
  handler: 'audit/verify',
  permission: 'audit:read',
  summary: "Recompute a day's audit items and their keyed chain; ok, or the first broken item",
  tag,
  // The chain key is derived from it (audit-chain.ts).
  secrets: ['ticketSigningKey'],
  request: { query: VerifyAuditQuery },
  responses: { 200: { description: 'The verification', schema: AuditVerification } },
});
