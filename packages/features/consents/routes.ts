import { IdParams, Problem } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import * as z from 'zod/mini';
import {
  ConsentPurpose,
  ConsentRecordView,
  ContactConsents,
  ContactPurposeParams,
  OptInRequested,
  PurposeParams,
  PutConsentPurpose,
  RecordConsent,
  RequestOptIn,
  TokenParams,
} from './contract.ts';

const tag = 'Consents';

export const listConsentPurposes = defineRoute({
  operationId: 'listConsentPurposes',
  method: 'GET',
  path: '/v1/consent-purposes',
  handler: 'consents/list-purposes',
  permission: 'contacts:read',
  summary: "The tenant's consent purposes (built-in ones as overridden, and its own) with the text shown and its hash",
  tag,
  responses: { 200: { description: 'Every purpose', schema: z.object({ items: z.array(ConsentPurpose) }) } },
});

export const putConsentPurpose = defineRoute({
  operationId: 'putConsentPurpose',
  method: 'PUT',
  path: '/v1/consent-purposes/{purposeId}',
  handler: 'consents/put-purpose',
  permission: 'settings:manage',
  summary: 'Create a purpose or change its wording (records keep the hash of the text they were given to); `channel: email` makes it a subscription type',
  tag,
  request: { params: PurposeParams, body: PutConsentPurpose },
  responses: { 200: { description: 'The purpose', schema: ConsentPurpose } },
});

export const getContactConsents = defineRoute({
  operationId: 'getContactConsents',
  method: 'GET',
  path: '/v1/contacts/{id}/consents',
  handler: 'consents/get',
  permission: 'contacts:read',
  summary: "A contact's current consent per purpose and every record behind it, oldest first",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Current states and records', schema: ContactConsents } },
});

export const recordConsent = defineRoute({
  operationId: 'recordConsent',
  method: 'POST',
  path: '/v1/contacts/{id}/consents',
  location: '/v1/contacts/{id}/consents',
  handler: 'consents/record',
  permission: 'contacts:write',
  summary:
    'Append a consent record (granted or withdrawn) with its legal basis, method and proof (hash of the text shown, ip, user agent, server time); the current state moves in the same transaction',
  tag,
  request: { params: IdParams, body: RecordConsent },
  responses: { 201: { description: 'The record', schema: ConsentRecordView } },
});

export const requestOptIn = defineRoute({
  operationId: 'requestOptIn',
  method: 'POST',
  path: '/v1/contacts/{id}/consents/{purposeId}/opt-in',
  handler: 'consents/request-opt-in',
  permission: 'contacts:write',
  summary: 'Double opt-in: records a pending consent with the request proof and mails the contact a signed confirmation link (valid 7 days)',
  tag,
  request: { params: ContactPurposeParams, body: RequestOptIn },
  secrets: ['marketingTokenKey'],
  responses: { 202: { description: 'Pending; the mail is sent', schema: OptInRequested } },
});

export const optInPage = defineRoute({
  operationId: 'getOptInPage',
  method: 'GET',
  path: '/v1/consents/confirm/{token}',
  handler: 'consents/opt-in-page',
  permission: null,
  summary: 'The double opt-in confirmation page (text/html); changes nothing — its button POSTs',
  tag,
  request: { params: TokenParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'text/html page with a Confirm button' }, 404: { description: 'text/html: the link is not valid' } },
});

export const confirmOptIn = defineRoute({
  operationId: 'confirmOptIn',
  method: 'POST',
  path: '/v1/consents/confirm/{token}',
  handler: 'consents/confirm-opt-in',
  permission: null,
  summary: 'Confirms a double opt-in: a granted record with the request and confirmation proofs; idempotent. JSON, or a page when the browser asks for text/html',
  tag,
  request: { params: TokenParams },
  secrets: ['marketingTokenKey'],
  responses: {
    200: { description: 'Confirmed (or already)', schema: z.object({ status: z.enum(['confirmed', 'already_confirmed']) }) },
    404: { description: 'invalid_token: forged, expired or withdrawn since', schema: Problem },
  },
});

export const preferencesPage = defineRoute({
  operationId: 'getPreferencesPage',
  method: 'GET',
  path: '/v1/preferences/{token}',
  handler: 'consents/preferences-page',
  permission: null,
  summary: 'The preference centre (text/html, no JavaScript): the subscription types and channels, ticked as the contact chose; changes nothing',
  tag,
  request: { params: TokenParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'text/html form' }, 404: { description: 'text/html: the link is not valid' } },
});

export const savePreferences = defineRoute({
  operationId: 'savePreferences',
  method: 'POST',
  path: '/v1/preferences/{token}',
  handler: 'consents/save-preferences',
  permission: null,
  summary:
    'Saves the preference centre form (application/x-www-form-urlencoded, `purpose=<id>` per ticked box): a consent record per change (method preferences); answers the page again',
  tag,
  request: { params: TokenParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'text/html: the form, saved' }, 404: { description: 'text/html: the link is not valid' } },
});

export const getPreferencesLink = defineRoute({
  operationId: 'getPreferencesLink',
  method: 'GET',
  path: '/v1/contacts/{id}/preferences-link',
  handler: 'consents/preferences-link',
  permission: 'contacts:write',
  summary: "The contact's signed preference-centre link (as in every campaign mail), for support to send on request",
  tag,
  request: { params: IdParams },
  secrets: ['marketingTokenKey'],
  responses: { 200: { description: 'The link', schema: z.object({ url: z.string() }) } },
});
