import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import {
  Campaign,
  CampaignListQuery,
  CampaignRecipient,
  CreateCampaign,
  RecipientListQuery,
  ScheduleCampaign,
  UpdateCampaign,
} from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Campaigns';

export const createCampaign = defineRoute({
  operationId: 'createCampaign',
  method: 'POST',
  path: '/v1/campaigns',
  handler: 'campaigns/create',
  permission: 'campaigns:write',
  summary: 'Create a draft campaign; an unknown {{placeholder}} in the subject or bodies is a 400 naming it',
  tag,
  request: { body: CreateCampaign },
  responses: { 201: { description: 'Created', schema: Campaign } },
});

export const listCampaigns = defineRoute({
  operationId: 'listCampaigns',
  method: 'GET',
  path: '/v1/campaigns',
  handler: 'campaigns/list',
  permission: 'campaigns:read',
  summary: 'List campaigns, oldest first',
  tag,
  request: { query: CampaignListQuery },
  responses: { 200: { description: 'A page of campaigns', schema: listOf(Campaign) } },
});

export const getCampaign = defineRoute({
  operationId: 'getCampaign',
  method: 'GET',
  path: '/v1/campaigns/{id}',
  handler: 'campaigns/get',
  permission: 'campaigns:read',
  summary: 'Get a campaign (with its progress while sending, its totals once sent)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The campaign', schema: Campaign } },
});

export const updateCampaign = defineRoute({
  operationId: 'updateCampaign',
  method: 'PATCH',
  path: '/v1/campaigns/{id}',
  handler: 'campaigns/update',
  permission: 'campaigns:write',
  summary: 'Change a draft or scheduled campaign (409 not_editable otherwise)',
  tag,
  request: { params: IdParams, body: UpdateCampaign },
  responses: { 200: { description: 'The changed campaign', schema: Campaign } },
});

export const scheduleCampaign = defineRoute({
  operationId: 'scheduleCampaign',
  method: 'POST',
  path: '/v1/campaigns/{id}/schedule',
  handler: 'campaigns/schedule',
  permission: 'campaigns:send',
  summary: 'Schedule (or reschedule) a draft or scheduled campaign to send at a future time',
  tag,
  request: { params: IdParams, body: ScheduleCampaign },
  responses: { 200: { description: 'The scheduled campaign', schema: Campaign } },
});

export const cancelCampaign = defineRoute({
  operationId: 'cancelCampaign',
  method: 'POST',
  path: '/v1/campaigns/{id}/cancel',
  handler: 'campaigns/cancel',
  permission: 'campaigns:send',
  summary: 'Cancel a draft, scheduled or sending campaign (a send stops at its next chunk)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The canceled campaign', schema: Campaign } },
});

export const sendCampaign = defineRoute({
  operationId: 'sendCampaign',
  method: 'POST',
  path: '/v1/campaigns/{id}/send',
  handler: 'campaigns/send',
  permission: 'campaigns:send',
  summary: 'Send a draft or scheduled campaign now (202; emits campaign.send_requested). Again: 409 already_sending / already_sent',
  tag,
  request: { params: IdParams },
  responses: { 202: { description: 'Sending started', schema: Campaign } },
});

export const listCampaignRecipients = defineRoute({
  operationId: 'listCampaignRecipients',
  method: 'GET',
  path: '/v1/campaigns/{id}/recipients',
  handler: 'campaigns/recipients',
  permission: 'campaigns:read',
  summary: 'The recipients of a campaign with their status and skip reason, optionally of one ?status=',
  tag,
  request: { params: IdParams, query: RecipientListQuery },
  responses: { 200: { description: 'A page of recipients', schema: listOf(CampaignRecipient) } },
});
