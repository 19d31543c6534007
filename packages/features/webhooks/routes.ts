import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  CreateWebhookEndpoint,
  ReplayResult,
  ReplayWebhookMessages,
  UpdateWebhookEndpoint,
  WebhookAttempt,
  WebhookEndpoint,
  WebhookEndpointWithSecret,
  WebhookMessage,
} from './contract.ts';

const tag = 'Webhooks';

export const createWebhookEndpoint = defineRoute({
  operationId: 'createWebhookEndpoint',
  method: 'POST',
  path: '/v1/webhook-endpoints',
  handler: 'webhooks/create',
  permission: 'webhooks:manage',
  summary: 'Create a webhook endpoint; the answer shows its signing secret, once',
  tag,
  request: { body: CreateWebhookEndpoint },
  responses: { 201: { description: 'Created, with its secret', schema: WebhookEndpointWithSecret } },
});

export const listWebhookEndpoints = defineRoute({
  operationId: 'listWebhookEndpoints',
  method: 'GET',
  path: '/v1/webhook-endpoints',
  handler: 'webhooks/list',
  permission: 'webhooks:read',
  summary: 'List webhook endpoints, oldest first',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of endpoints', schema: listOf(WebhookEndpoint) } },
});

export const getWebhookEndpoint = defineRoute({
  operationId: 'getWebhookEndpoint',
  method: 'GET',
  path: '/v1/webhook-endpoints/{id}',
  handler: 'webhooks/get',
  permission: 'webhooks:read',
  summary: 'Get a webhook endpoint (never its secret)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The endpoint', schema: WebhookEndpoint } },
});

export const updateWebhookEndpoint = defineRoute({
  operationId: 'updateWebhookEndpoint',
  method: 'PATCH',
  path: '/v1/webhook-endpoints/{id}',
  handler: 'webhooks/update',
  permission: 'webhooks:manage',
  summary: 'Change, disable or re-enable a webhook endpoint',
  tag,
  request: { params: IdParams, body: UpdateWebhookEndpoint },
  responses: { 200: { description: 'The changed endpoint', schema: WebhookEndpoint } },
});

export const deleteWebhookEndpoint = defineRoute({
  operationId: 'deleteWebhookEndpoint',
  method: 'DELETE',
  path: '/v1/webhook-endpoints/{id}',
  handler: 'webhooks/delete',
  permission: 'webhooks:manage',
  summary: 'Delete a webhook endpoint; its pending messages are not sent',
  tag,
  request: { params: IdParams },
  responses: { 204: { description: 'Deleted' } },
});

export const rotateWebhookSecret = defineRoute({
  operationId: 'rotateWebhookSecret',
  method: 'POST',
  path: '/v1/webhook-endpoints/{id}/rotate-secret',
  handler: 'webhooks/rotate-secret',
  permission: 'webhooks:manage',
  summary: 'A new signing secret (shown once); the old one keeps signing beside it for 24 h',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The endpoint with its new secret', schema: WebhookEndpointWithSecret } },
});

export const listWebhookAttempts = defineRoute({
  operationId: 'listWebhookAttempts',
  method: 'GET',
  path: '/v1/webhook-endpoints/{id}/attempts',
  handler: 'webhooks/attempts',
  permission: 'webhooks:read',
  summary: "The endpoint's delivery attempts, newest first, with the first 4 KB of each answer",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of attempts', schema: listOf(WebhookAttempt) } },
});

export const listWebhookMessages = defineRoute({
  operationId: 'listWebhookMessages',
  method: 'GET',
  path: '/v1/webhook-endpoints/{id}/messages',
  handler: 'webhooks/messages',
  permission: 'webhooks:read',
  summary: "The endpoint's messages (one per event), newest first, with their delivery status",
  tag,
  request: { params: IdParams, query: ListQuery },
  responses: { 200: { description: 'A page of messages', schema: listOf(WebhookMessage) } },
});

export const replayWebhookMessages = defineRoute({
  operationId: 'replayWebhookMessages',
  method: 'POST',
  path: '/v1/webhook-endpoints/{id}/replay',
  handler: 'webhooks/replay',
  permission: 'webhooks:manage',
  summary: 'Send one message again (same webhook-id), or every message of a time range',
  tag,
  request: { params: IdParams, body: ReplayWebhookMessages },
  responses: { 202: { description: 'Queued for sending', schema: ReplayResult } },
});

export const testWebhookEndpoint = defineRoute({
  operationId: 'testWebhookEndpoint',
  method: 'POST',
  path: '/v1/webhook-endpoints/{id}/test',
  handler: 'webhooks/test-send',
  permission: 'webhooks:manage',
  summary: 'Send a `webhook.test` message now and answer how it went',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The test message after its first attempt', schema: WebhookMessage } },
});
