import { Problem } from '#packages/core/common-schemas.ts';
import { UnsubscribeParams, UnsubscribeResult } from './contract.ts';
import { defineRoute } from '#packages/core/route.ts';

const tag = 'Unsubscribe';

export const unsubscribePage = defineRoute({
  operationId: 'getUnsubscribePage',
  method: 'GET',
  path: '/v1/unsubscribe/{token}',
  handler: 'unsubscribe/page',
  permission: null,
  summary: 'The confirmation page of an unsubscribe link (text/html); changes nothing — its button POSTs',
  tag,
  request: { params: UnsubscribeParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'text/html page with an Unsubscribe button' }, 404: { description: 'text/html: the link is not valid' } },
});

export const unsubscribe = defineRoute({
  operationId: 'unsubscribe',
  method: 'POST',
  path: '/v1/unsubscribe/{token}',
  handler: 'unsubscribe/confirm',
  permission: null,
  summary:
    'RFC 8058 one-click unsubscribe (body `List-Unsubscribe=One-Click`, form-encoded): withdraws marketing consent, records it, idempotent. JSON answer, or a page when the browser asks for text/html',
  tag,
  request: { params: UnsubscribeParams },
  secrets: ['marketingTokenKey'],
  responses: {
    200: { description: 'Unsubscribed (or already)', schema: UnsubscribeResult },
    404: { description: 'invalid_token: forged or altered link; nothing changed', schema: Problem },
  },
});
