import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  AddConnection,
  Connection,
  DirectoryQuery,
  Meeting,
  MeetingParams,
  NetworkingSettings,
  Profile,
  ProfileInput,
  RequestMeeting,
  RescheduleMeeting,
  TokenParams,
} from './contract.ts';

const tag = 'Networking';
const attendeeLink = { permission: null, secrets: ['ticketSigningKey'] } as const;

export const putNetworkingSettings = defineRoute({
  operationId: 'putNetworkingSettings',
  method: 'PUT',
  path: '/v1/events/{id}/networking',
  handler: 'networking/put-settings',
  permission: 'events:write',
  summary: 'The event’s networking rules: meeting requests per ticket type (quotas) and the meeting places',
  tag,
  request: { params: IdParams, body: NetworkingSettings },
  responses: { 200: { description: 'The settings', schema: NetworkingSettings } },
});

export const getNetworkingSettings = defineRoute({
  operationId: 'getNetworkingSettings',
  method: 'GET',
  path: '/v1/events/{id}/networking',
  handler: 'networking/get-settings',
  permission: 'events:read',
  summary: 'The event’s networking rules',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The settings', schema: NetworkingSettings } },
});

export const optIn = defineRoute({
  operationId: 'networkingOptIn',
  method: 'PUT',
  path: '/v1/attendee-links/{token}/networking/profile',
  handler: 'networking/opt-in',
  ...attendeeLink,
  summary: 'Opt into the networking directory (or change the entry): name, company, job title, bio, interests — never the email',
  tag,
  request: { params: TokenParams, body: ProfileInput },
  responses: { 200: { description: 'The directory entry', schema: Profile } },
});

export const optOut = defineRoute({
  operationId: 'networkingOptOut',
  method: 'DELETE',
  path: '/v1/attendee-links/{token}/networking/profile',
  handler: 'networking/opt-out',
  ...attendeeLink,
  summary: 'Leave the networking directory',
  tag,
  request: { params: TokenParams },
  responses: { 204: { description: 'Out of the directory' } },
});

export const networkingDirectory = defineRoute({
  operationId: 'networkingDirectory',
  method: 'GET',
  path: '/v1/attendee-links/{token}/networking/directory',
  handler: 'networking/directory',
  ...attendeeLink,
  summary: 'The other attendees in the directory (for those in it themselves), by interest',
  tag,
  request: { params: TokenParams, query: DirectoryQuery },
  responses: { 200: { description: 'Directory entries', schema: z.object({ items: z.array(Profile) }) } },
});

export const requestMeeting = defineRoute({
  operationId: 'requestMeeting',
  location: '/v1/attendee-links/{token}/meetings',
  method: 'POST',
  path: '/v1/attendee-links/{token}/meetings',
  handler: 'networking/request-meeting',
  ...attendeeLink,
  summary: 'Ask another attendee for a 15- or 30-minute meeting in a slot; pending, it blocks nobody’s time',
  tag,
  request: { params: TokenParams, body: RequestMeeting },
  responses: {
    201: { description: 'The pending request', schema: Meeting },
    409: { description: 'not_in_directory, quota_exhausted' },
    422: { description: 'self_meeting, slot_not_aligned, outside_event, slot_in_past, unknown_location' },
  },
});

export const myMeetings = defineRoute({
  operationId: 'myMeetings',
  method: 'GET',
  path: '/v1/attendee-links/{token}/meetings',
  handler: 'networking/my-meetings',
  ...attendeeLink,
  summary: 'The attendee’s meeting requests, sent and received, by start',
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'Meetings', schema: z.object({ items: z.array(Meeting) }) } },
});

export const acceptMeeting = defineRoute({
  operationId: 'acceptMeeting',
  method: 'POST',
  path: '/v1/attendee-links/{token}/meetings/{meetingId}/accept',
  handler: 'networking/accept-meeting',
  ...attendeeLink,
  summary: 'Accept a request: both people’s slot is taken, never twice',
  tag,
  request: { params: MeetingParams },
  responses: { 200: { description: 'The accepted meeting', schema: Meeting }, 409: { description: 'not_recipient, not_pending, recipient_busy, requester_busy' } },
});

export const declineMeeting = defineRoute({
  operationId: 'declineMeeting',
  method: 'POST',
  path: '/v1/attendee-links/{token}/meetings/{meetingId}/decline',
  handler: 'networking/decline-meeting',
  ...attendeeLink,
  summary: 'Decline a pending request',
  tag,
  request: { params: MeetingParams },
  responses: { 200: { description: 'The declined request', schema: Meeting }, 409: { description: 'not_recipient, not_pending' } },
});

export const cancelMeeting = defineRoute({
  operationId: 'cancelMeeting',
  method: 'POST',
  path: '/v1/attendee-links/{token}/meetings/{meetingId}/cancel',
  handler: 'networking/cancel-meeting',
  ...attendeeLink,
  summary: 'Cancel a pending or accepted meeting (either side); an accepted one frees both slots',
  tag,
  request: { params: MeetingParams },
  responses: { 200: { description: 'The canceled meeting', schema: Meeting }, 409: { description: 'not_pending' } },
});

export const rescheduleMeeting = defineRoute({
  operationId: 'rescheduleMeeting',
  location: '/v1/attendee-links/{token}/meetings',
  method: 'POST',
  path: '/v1/attendee-links/{token}/meetings/{meetingId}/reschedule',
  handler: 'networking/reschedule-meeting',
  ...attendeeLink,
  summary: 'Propose another time (either side): this one becomes rescheduled, a new pending request goes to the other',
  tag,
  request: { params: MeetingParams, body: RescheduleMeeting },
  responses: { 201: { description: 'The new pending request', schema: Meeting }, 409: { description: 'not_pending' } },
});

export const addConnection = defineRoute({
  operationId: 'addConnection',
  location: '/v1/attendee-links/{token}/connections',
  method: 'POST',
  path: '/v1/attendee-links/{token}/connections',
  handler: 'networking/add-connection',
  ...attendeeLink,
  summary: 'Record a connection with another attendee: met, or exchanged contacts (meetings record their own)',
  tag,
  request: { params: TokenParams, body: AddConnection },
  responses: { 201: { description: 'The connection', schema: Connection } },
});

export const myConnections = defineRoute({
  operationId: 'myConnections',
  method: 'GET',
  path: '/v1/attendee-links/{token}/connections',
  handler: 'networking/my-connections',
  ...attendeeLink,
  summary: 'The attendee’s connections, by kind',
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'Connections', schema: z.object({ items: z.array(Connection) }) } },
});
