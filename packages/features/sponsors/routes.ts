import * as z from 'zod/mini';
import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  Benefit,
  BenefitParams,
  ChangeSponsorshipStatus,
  CreateSponsorship,
  CreateSponsorTier,
  IssueInvoice,
  IssuePass,
  RecordPayment,
  SponsorPass,
  Sponsorship,
  SponsorshipParams,
  SponsorTier,
  UpdateBenefit,
} from './contract.ts';

const tag = 'Sponsors';

export const createSponsorTier = defineRoute({
  operationId: 'createSponsorTier',
  location: '/v1/events/{id}/sponsor-tiers',
  method: 'POST',
  path: '/v1/events/{id}/sponsor-tiers',
  handler: 'sponsors/create-tier',
  permission: 'sponsors:write',
  summary: 'Define a sponsorship tier of the event: its price and benefits (booth, passes, logo placements, talks, lead-scanner seats)',
  tag,
  request: { params: IdParams, body: CreateSponsorTier },
  responses: { 201: { description: 'The tier', schema: SponsorTier }, 422: { description: 'ticket_type_not_found, ticket_type_not_free' } },
});

export const listSponsorTiers = defineRoute({
  operationId: 'listSponsorTiers',
  method: 'GET',
  path: '/v1/events/{id}/sponsor-tiers',
  handler: 'sponsors/list-tiers',
  permission: 'sponsors:read',
  summary: "The event's sponsorship tiers",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every tier', schema: z.object({ items: z.array(SponsorTier) }) } },
});

export const createSponsorship = defineRoute({
  operationId: 'createSponsorship',
  method: 'POST',
  path: '/v1/events/{id}/sponsors',
  handler: 'sponsors/create',
  permission: 'sponsors:write',
  summary: "A company as a sponsor lead at a tier: the sponsorship, its CRM opportunity (the tier's price) and its benefits with due dates",
  tag,
  request: { params: IdParams, body: CreateSponsorship },
  responses: { 201: { description: 'The sponsorship with its benefits', schema: Sponsorship }, 422: { description: 'tier_not_found, company_not_found, pipeline_not_found' } },
});

export const listSponsorships = defineRoute({
  operationId: 'listSponsorships',
  method: 'GET',
  path: '/v1/events/{id}/sponsors',
  handler: 'sponsors/list',
  permission: 'sponsors:read',
  summary: "The event's sponsorships",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of sponsorships', schema: listOf(Sponsorship) } },
});

export const getSponsorship = defineRoute({
  operationId: 'getSponsorship',
  method: 'GET',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}',
  handler: 'sponsors/get',
  permission: 'sponsors:read',
  summary: 'A sponsorship with its benefits and their delivery',
  tag,
  request: { params: SponsorshipParams },
  responses: { 200: { description: 'The sponsorship', schema: Sponsorship } },
});

export const changeSponsorshipStatus = defineRoute({
  operationId: 'changeSponsorshipStatus',
  method: 'POST',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/status',
  handler: 'sponsors/change-status',
  permission: 'sponsors:write',
  summary:
    'Move the contract one step forward (lead → proposal → signed, paid → fulfilled, or lost before signing); its opportunity moves in the same transaction. Invoiced and paid are set only by issuing the invoice and recording its payment',
  tag,
  request: { params: SponsorshipParams, body: ChangeSponsorshipStatus },
  responses: {
    200: { description: 'The sponsorship', schema: Sponsorship },
    409: {
      description:
        'invalid_transition (backwards or skipping a step), invoice_required, payment_required, benefits_pending (fulfilled needs every benefit delivered), opportunity_changed, concurrent_update',
    },
  },
});

export const updateSponsorBenefit = defineRoute({
  operationId: 'updateSponsorBenefit',
  method: 'PATCH',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/benefits/{benefitId}',
  handler: 'sponsors/update-benefit',
  permission: 'sponsors:write',
  summary: "Change a benefit's due date or owner",
  tag,
  request: { params: BenefitParams, body: UpdateBenefit },
  responses: { 200: { description: 'The benefit', schema: Benefit } },
});

export const deliverSponsorBenefit = defineRoute({
  operationId: 'deliverSponsorBenefit',
  method: 'POST',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/benefits/{benefitId}/deliver',
  handler: 'sponsors/deliver-benefit',
  permission: 'sponsors:write',
  summary: 'Mark a benefit delivered (once; emits sponsor.benefit_delivered)',
  tag,
  request: { params: BenefitParams },
  responses: { 200: { description: 'The benefit', schema: Benefit } },
});

export const issueSponsorPass = defineRoute({
  operationId: 'issueSponsorPass',
  location: '/v1/events/{id}/sponsors/{sponsorshipId}',
  method: 'POST',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/passes',
  handler: 'sponsors/issue-pass',
  permission: 'sponsors:write',
  secrets: ['ticketSigningKey'],
  summary: "Issue one of the sponsorship's passes: a named ticket of the tier's pass ticket type, without payment",
  tag,
  request: { params: SponsorshipParams, body: IssuePass },
  responses: {
    201: { description: 'The pass', schema: SponsorPass },
    409: { description: 'not_signed, passes_used_up' },
    422: { description: 'no_pass_ticket_type, ticket_type_not_free' },
  },
});

export const issueSponsorInvoice = defineRoute({
  operationId: 'issueSponsorInvoice',
  method: 'POST',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/invoice',
  handler: 'sponsors/issue-invoice',
  permission: 'sponsors:write',
  summary: "Issue the sponsorship's invoice (signed → invoiced): its number, amount (tier price plus booked booths), currency and issue time, with sponsor.invoiced",
  tag,
  request: { params: SponsorshipParams, body: IssueInvoice },
  responses: { 200: { description: 'The invoiced sponsorship', schema: Sponsorship }, 409: { description: 'invalid_transition (not signed), already_invoiced, opportunity_changed, concurrent_update' } },
});

export const recordSponsorPayment = defineRoute({
  operationId: 'recordSponsorPayment',
  location: '/v1/events/{id}/sponsors/{sponsorshipId}',
  method: 'POST',
  path: '/v1/events/{id}/sponsors/{sponsorshipId}/payments',
  handler: 'sponsors/record-payment',
  permission: 'sponsors:write',
  summary: "Record the invoice's payment (a bank transfer or manual receipt, with its reference; send an Idempotency-Key): invoiced → paid when amount and currency match the invoice, with sponsor.paid",
  tag,
  request: { params: SponsorshipParams, body: RecordPayment },
  responses: {
    201: { description: 'The paid sponsorship', schema: Sponsorship },
    400: { description: 'idempotency_key_required' },
    409: { description: 'not_invoiced, already_paid, opportunity_changed, concurrent_update' },
    422: { description: 'amount_mismatch' },
  },
});
