import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { SessionFeedback } from '#packages/features/feedback/contract.ts';
import { AssignmentInput, AssignmentParams, InviteSpeaker, Speaker, SpeakerLink, SpeakerParams, SpeakerProfileInput, SpeakerTokenParams, SpeakerTokenSessionParams } from './contract.ts';

const tag = 'Speakers';

export const inviteSpeaker = defineRoute({
  operationId: 'inviteSpeaker',
  method: 'POST',
  path: '/v1/events/{id}/speakers',
  location: '/v1/events/{id}/speakers',
  handler: 'speakers/invite',
  permission: 'events:write',
  secrets: ['ticketSigningKey'],
  summary: 'Invite a speaker (their contact, found or created by email) and mail them their link; again for the same address: the same speaker, no second mail',
  tag,
  request: { params: IdParams, body: InviteSpeaker },
  responses: { 201: { description: 'Invited', schema: Speaker }, 200: { description: 'Already a speaker of this event', schema: Speaker } },
});

export const listSpeakers = defineRoute({
  operationId: 'listSpeakers',
  method: 'GET',
  path: '/v1/events/{id}/speakers',
  handler: 'speakers/list',
  permission: 'events:read',
  summary: "The event's speakers with their sessions and presentation details",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The speakers', schema: z.object({ items: z.array(Speaker) }) } },
});

export const assignSpeaker = defineRoute({
  operationId: 'assignSpeaker',
  method: 'PUT',
  path: '/v1/events/{id}/speakers/{speakerId}/sessions/{sessionId}',
  handler: 'speakers/assign',
  permission: 'events:write',
  summary: 'Put a speaker on a session with the presentation details (abstract, AV needs)',
  tag,
  request: { params: AssignmentParams, body: AssignmentInput },
  responses: { 200: { description: 'The speaker', schema: Speaker } },
});

export const unassignSpeaker = defineRoute({
  operationId: 'unassignSpeaker',
  method: 'DELETE',
  path: '/v1/events/{id}/speakers/{speakerId}/sessions/{sessionId}',
  handler: 'speakers/unassign',
  permission: 'events:write',
  summary: 'Take a speaker off a session',
  tag,
  request: { params: AssignmentParams },
  responses: { 200: { description: 'The speaker', schema: Speaker } },
});

export const speakerLink = defineRoute({
  operationId: 'getSpeakerLink',
  method: 'GET',
  path: '/v1/events/{id}/speakers/{speakerId}/link',
  handler: 'speakers/link',
  permission: 'events:write',
  secrets: ['ticketSigningKey'],
  summary: "A speaker's signed link (as mailed with the invitation)",
  tag,
  request: { params: SpeakerParams },
  responses: { 200: { description: 'The link', schema: SpeakerLink } },
});

export const getSpeakerProfile = defineRoute({
  operationId: 'getSpeakerProfile',
  method: 'GET',
  path: '/v1/speaker-links/{token}',
  handler: 'speakers/get-profile',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'The speaker (their signed link): their profile and sessions',
  tag,
  request: { params: SpeakerTokenParams },
  responses: { 200: { description: 'The speaker', schema: Speaker } },
});

export const updateSpeakerProfile = defineRoute({
  operationId: 'updateSpeakerProfile',
  method: 'PATCH',
  path: '/v1/speaker-links/{token}',
  handler: 'speakers/update-profile',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'The speaker edits their profile (bio, tagline, expertise, links, headshot, consent to publish)',
  tag,
  request: { params: SpeakerTokenParams, body: SpeakerProfileInput },
  responses: { 200: { description: 'The speaker', schema: Speaker } },
});

export const confirmSpeaker = defineRoute({
  operationId: 'confirmSpeaker',
  method: 'POST',
  path: '/v1/speaker-links/{token}/confirm',
  handler: 'speakers/confirm',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: 'The speaker confirms their participation (again: unchanged)',
  tag,
  request: { params: SpeakerTokenParams },
  responses: { 200: { description: 'The speaker', schema: Speaker } },
});

export const speakerSessionFeedback = defineRoute({
  operationId: 'getSpeakerSessionFeedback',
  method: 'GET',
  path: '/v1/speaker-links/{token}/sessions/{sessionId}/feedback',
  handler: 'speakers/session-feedback',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "Figures and comments of a session the speaker is on, without attendee identities (404 for any other session)",
  tag,
  request: { params: SpeakerTokenSessionParams },
  responses: { 200: { description: 'The figures and comments', schema: SessionFeedback } },
});
