import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { ConvertLead, CreateLead, Lead, LeadConversion, LeadListQuery, UpdateLead } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Leads';

export const createLead = defineRoute({
  operationId: 'createLead',
  method: 'POST',
  path: '/v1/leads',
  handler: 'leads/create',
  permission: 'leads:write',
  summary: 'Create a lead for a contact or an inline person; it starts `new` and is scored by the stored rules',
  tag,
  request: { body: CreateLead },
  responses: { 201: { description: 'Created', schema: Lead } },
});

export const listLeads = defineRoute({
  operationId: 'listLeads',
  method: 'GET',
  path: '/v1/leads',
  handler: 'leads/list',
  permission: 'leads:read',
  summary: 'List leads, newest first, or those of one status, contact or company',
  tag,
  request: { query: LeadListQuery },
  responses: { 200: { description: 'A page of leads', schema: listOf(Lead) } },
});

export const getLead = defineRoute({
  operationId: 'getLead',
  method: 'GET',
  path: '/v1/leads/{id}',
  handler: 'leads/get',
  permission: 'leads:read',
  summary: 'Get a lead',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The lead', schema: Lead } },
});

export const updateLead = defineRoute({
  operationId: 'updateLead',
  method: 'PATCH',
  path: '/v1/leads/{id}',
  handler: 'leads/update',
  permission: 'leads:write',
  summary: 'Change a lead; `status` moves new → contacted → qualified, or to disqualified (else 422 invalid_transition)',
  tag,
  request: { params: IdParams, body: UpdateLead },
  responses: { 200: { description: 'The changed lead', schema: Lead } },
});

export const convertLead = defineRoute({
  operationId: 'convertLead',
  method: 'POST',
  path: '/v1/leads/{id}/convert',
  handler: 'leads/convert',
  permission: 'leads:write',
  summary: 'Convert a lead: its contact, its company (reused by domain) and an opportunity; twice → 409 already_converted',
  tag,
  request: { params: IdParams, body: ConvertLead },
  responses: { 200: { description: 'The converted lead and its opportunity', schema: LeadConversion } },
});
