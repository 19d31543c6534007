import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { SessionParams } from '#packages/features/agenda/contract.ts';
import { Feedback, FeedbackInput, FeedbackLink, FeedbackLinkQuery, FeedbackSettings, FeedbackSummary, FeedbackTokenParams, SessionFeedback } from './contract.ts';

const tag = 'Feedback';

export const getFeedback = defineRoute({
  operationId: 'getFeedback',
  method: 'GET',
  path: '/v1/feedback/{token}',
  handler: 'feedback/get',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's feedback form for one session or the event (their signed link), with what they gave so far",
  tag,
  request: { params: FeedbackTokenParams },
  responses: { 200: { description: 'The feedback', schema: Feedback } },
});

export const submitFeedback = defineRoute({
  operationId: 'submitFeedback',
  method: 'PUT',
  path: '/v1/feedback/{token}',
  handler: 'feedback/submit',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'Give or change feedback (rating 1–5 optional, comment, NPS for the event) until feedback closes',
  tag,
  request: { params: FeedbackTokenParams, body: FeedbackInput },
  responses: { 200: { description: 'The feedback as stored', schema: Feedback } },
});

export const feedbackLink = defineRoute({
  operationId: 'getFeedbackLink',
  method: 'GET',
  path: '/v1/tickets/{id}/feedback-link',
  handler: 'feedback/link',
  permission: 'orders:write',
  secrets: ['ticketSigningKey'],
  summary: "An attendee's feedback link for a session or `event` (as mailed)",
  tag,
  request: { params: IdParams, query: FeedbackLinkQuery },
  responses: { 200: { description: 'The link', schema: FeedbackLink } },
});

export const putFeedbackSettings = defineRoute({
  operationId: 'putFeedbackSettings',
  method: 'PUT',
  path: '/v1/events/{id}/feedback-settings',
  handler: 'feedback/put-settings',
  permission: 'events:write',
  summary: "Turn an event's feedback on or off and set when it closes",
  tag,
  request: { params: IdParams, body: FeedbackSettings },
  responses: { 200: { description: 'The settings', schema: FeedbackSettings } },
});

export const getFeedbackSummary = defineRoute({
  operationId: 'getFeedbackSummary',
  method: 'GET',
  path: '/v1/events/{id}/feedback/summary',
  handler: 'feedback/summary',
  permission: 'events:read',
  summary: 'Averages, rating distributions and NPS for the event and each session',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The figures', schema: FeedbackSummary } },
});

export const getSessionFeedback = defineRoute({
  operationId: 'getSessionFeedback',
  method: 'GET',
  path: '/v1/events/{id}/sessions/{sessionId}/feedback',
  handler: 'feedback/session',
  permission: 'events:read',
  summary: "A session's figures and comments without attendee identities (what its speakers see)",
  tag,
  request: { params: SessionParams },
  responses: { 200: { description: 'The figures and comments', schema: SessionFeedback } },
});
