import * as z from 'zod/mini';
import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { IssueInvoice, RecordPayment } from '#packages/features/sponsors/contract.ts';
import {
  AddExhibitorStaff,
  BookBooth,
  Booth,
  BoothParams,
  BoothTraffic,
  CreateExhibitor,
  Exhibitor,
  ExhibitorParams,
  ExhibitorStaff,
  Lead,
  LeadParams,
  LeadSharingBody,
  LeadSharingView,
  PublicExhibitor,
  PutBoothOnSale,
  QualifyLead,
  ScanBadge,
  StaffParams,
  TokenParams,
  UpdateExhibitor,
} from './contract.ts';

const tag = 'Exhibitors';

export const putBoothOnSale = defineRoute({
  operationId: 'putBoothOnSale',
  method: 'PUT',
  path: '/v1/events/{id}/booths/{boothGuid}',
  handler: 'exhibitors/put-booth',
  permission: 'exhibitors:write',
  summary: "Put a booth of the event's published map on sale at a price (its size and location come from the map)",
  tag,
  request: { params: BoothParams, body: PutBoothOnSale },
  responses: { 200: { description: 'The booth', schema: Booth }, 409: { description: 'booth_booked' }, 422: { description: 'booth_not_on_map' } },
});

export const listBooths = defineRoute({
  operationId: 'listBooths',
  method: 'GET',
  path: '/v1/events/{id}/booths',
  handler: 'exhibitors/list-booths',
  permission: null,
  summary: 'The booths on sale and booked (public: the floor plan shows them)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every booth', schema: z.object({ items: z.array(Booth) }) }, 404: { description: 'Unknown event' } },
});

export const bookBooth = defineRoute({
  operationId: 'bookBooth',
  method: 'POST',
  path: '/v1/events/{id}/booths/{boothGuid}/booking',
  handler: 'exhibitors/book-booth',
  permission: 'exhibitors:self',
  summary:
    "Book a booth for an exhibitor (organisers for any, exhibitor staff for their own): booked exactly once, whoever races; its price is billed to the exhibitor's sponsorship (amount and opportunity, before the sponsorship's invoice) or to the exhibitor",
  tag,
  request: { params: BoothParams, body: BookBooth },
  responses: {
    200: { description: 'The booked booth', schema: Booth },
    409: { description: 'booth_taken, exhibitor_has_booth, concurrent_update (its sponsorship changed meanwhile)' },
    422: { description: 'currency_mismatch (booth and sponsorship in different currencies)' },
  },
});

export const createExhibitor = defineRoute({
  operationId: 'createExhibitor',
  method: 'POST',
  path: '/v1/events/{id}/exhibitors',
  handler: 'exhibitors/create',
  permission: 'exhibitors:write',
  summary: 'Add an exhibitor (profile: description, products, links, lead questions), optionally of a company and a sponsorship',
  tag,
  request: { params: IdParams, body: CreateExhibitor },
  responses: { 201: { description: 'The exhibitor', schema: Exhibitor }, 422: { description: 'company_not_found, sponsorship_not_found' } },
});

export const listExhibitors = defineRoute({
  operationId: 'listExhibitors',
  method: 'GET',
  path: '/v1/events/{id}/exhibitors',
  handler: 'exhibitors/list',
  permission: 'exhibitors:read',
  summary: "The event's exhibitors",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every exhibitor', schema: z.object({ items: z.array(Exhibitor) }) } },
});

export const getExhibitor = defineRoute({
  operationId: 'getExhibitor',
  method: 'GET',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}',
  handler: 'exhibitors/get',
  permission: 'exhibitors:self',
  summary: 'One exhibitor with its booth (organisers any, exhibitor staff their own)',
  tag,
  request: { params: ExhibitorParams },
  responses: { 200: { description: 'The exhibitor', schema: Exhibitor } },
});

export const updateExhibitor = defineRoute({
  operationId: 'updateExhibitor',
  method: 'PATCH',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}',
  handler: 'exhibitors/update',
  permission: 'exhibitors:self',
  summary: "Change an exhibitor's profile (organisers any, exhibitor staff their own)",
  tag,
  request: { params: ExhibitorParams, body: UpdateExhibitor },
  responses: { 200: { description: 'The exhibitor', schema: Exhibitor } },
});

export const exhibitorDirectory = defineRoute({
  operationId: 'exhibitorDirectory',
  method: 'GET',
  path: '/v1/events/{id}/exhibitor-directory',
  handler: 'exhibitors/directory',
  permission: null,
  summary: "The public exhibitor directory beside the event's agenda: profiles and booth locations",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The directory', schema: z.object({ eventId: z.string(), items: z.array(PublicExhibitor) }) }, 404: { description: 'Unknown event' } },
});

export const addExhibitorStaff = defineRoute({
  operationId: 'addExhibitorStaff',
  location: '/v1/events/{id}/exhibitors/{exhibitorId}',
  method: 'POST',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/staff',
  handler: 'exhibitors/add-staff',
  permission: 'exhibitors:write',
  summary: "Make a user (with the exhibitor_staff role) staff of this exhibitor, taking one of its lead-scanner seats: they scan and see its leads only",
  tag,
  request: { params: ExhibitorParams, body: AddExhibitorStaff },
  responses: { 201: { description: 'The staff membership', schema: ExhibitorStaff }, 409: { description: 'staff_seats_full: every lead-scanner seat its tier/package grants is taken' } },
});

export const removeExhibitorStaff = defineRoute({
  operationId: 'removeExhibitorStaff',
  method: 'DELETE',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/staff/{userId}',
  handler: 'exhibitors/remove-staff',
  permission: 'exhibitors:write',
  summary: 'Remove a staff member of the exhibitor, freeing their lead-scanner seat',
  tag,
  request: { params: StaffParams },
  responses: { 204: { description: 'Removed' } },
});

export const scanBadge = defineRoute({
  operationId: 'scanBadge',
  location: '/v1/events/{id}/exhibitors/{exhibitorId}/leads',
  method: 'POST',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/scans',
  handler: 'exhibitors/scan',
  permission: 'exhibitors:self',
  secrets: ['ticketSigningKey'],
  summary: "Scan an attendee's badge (ticket code) at the booth: a lead with their details only if they agreed to share them, else an anonymous reference",
  tag,
  request: { params: ExhibitorParams, body: ScanBadge },
  responses: { 201: { description: 'The lead', schema: Lead }, 409: { description: 'ticket_void' }, 422: { description: 'invalid_code, wrong_event' } },
});

export const listLeads = defineRoute({
  operationId: 'listExhibitorLeads',
  method: 'GET',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/leads',
  handler: 'exhibitors/list-leads',
  permission: 'exhibitors:self',
  summary: "The exhibitor's leads (its own only)",
  tag,
  request: { params: ExhibitorParams, query: ListQuery },
  responses: { 200: { description: 'A page of leads', schema: listOf(Lead) } },
});

export const qualifyLead = defineRoute({
  operationId: 'qualifyExhibitorLead',
  method: 'PATCH',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/leads/{leadId}',
  handler: 'exhibitors/qualify-lead',
  permission: 'exhibitors:self',
  summary: "Qualify a lead: rating 1–5, notes, answers to the exhibitor's own questions",
  tag,
  request: { params: LeadParams, body: QualifyLead },
  responses: { 200: { description: 'The lead', schema: Lead }, 422: { description: 'answers_invalid' } },
});

export const exportLeads = defineRoute({
  operationId: 'exportExhibitorLeads',
  method: 'GET',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/leads.csv',
  handler: 'exhibitors/export-leads',
  permission: 'exhibitors:self',
  summary: "The exhibitor's leads as CSV (formula-safe cells)",
  tag,
  request: { params: ExhibitorParams },
  responses: { 200: { description: 'text/csv' } },
});

export const boothTraffic = defineRoute({
  operationId: 'boothTraffic',
  method: 'GET',
  path: '/v1/events/{id}/booth-traffic',
  handler: 'exhibitors/booth-traffic',
  permission: 'exhibitors:read',
  summary: 'Badge scans per booth per hour (UTC)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Visits per hour and booth', schema: BoothTraffic } },
});

export const setLeadSharing = defineRoute({
  operationId: 'setLeadSharing',
  method: 'PUT',
  path: '/v1/attendee-links/{token}/lead-sharing',
  handler: 'exhibitors/set-lead-sharing',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's choice, for this ticket: share my details with the exhibitors I let scan my badge (default: no)",
  tag,
  request: { params: TokenParams, body: LeadSharingBody },
  responses: { 200: { description: 'The choice', schema: LeadSharingView } },
});

export const getLeadSharing = defineRoute({
  operationId: 'getLeadSharing',
  method: 'GET',
  path: '/v1/attendee-links/{token}/lead-sharing',
  handler: 'exhibitors/get-lead-sharing',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's lead-sharing choice for this ticket",
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'The choice', schema: LeadSharingView } },
});

export const issueBoothInvoice = defineRoute({
  operationId: 'issueBoothInvoice',
  method: 'POST',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/booth-invoice',
  handler: 'exhibitors/issue-booth-invoice',
  permission: 'exhibitors:write',
  summary: "Invoice the booth billed to the exhibitor itself (not on a sponsorship's invoice): its price and currency, once",
  tag,
  request: { params: ExhibitorParams, body: IssueInvoice },
  responses: { 200: { description: 'The exhibitor with its booth invoice', schema: Exhibitor }, 409: { description: 'nothing_to_invoice, already_invoiced' } },
});

export const recordBoothPayment = defineRoute({
  operationId: 'recordBoothPayment',
  location: '/v1/events/{id}/exhibitors/{exhibitorId}',
  method: 'POST',
  path: '/v1/events/{id}/exhibitors/{exhibitorId}/booth-payments',
  handler: 'exhibitors/record-booth-payment',
  permission: 'exhibitors:write',
  summary: "Record the booth invoice's payment (bank transfer or manual receipt, with its reference; send an Idempotency-Key), once, when amount and currency match it",
  tag,
  request: { params: ExhibitorParams, body: RecordPayment },
  responses: {
    201: { description: 'The exhibitor with its booth payment', schema: Exhibitor },
    400: { description: 'idempotency_key_required' },
    409: { description: 'not_invoiced, already_paid' },
    422: { description: 'amount_mismatch' },
  },
});
