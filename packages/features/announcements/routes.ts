import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { TokenParams } from '#packages/features/sessions/contract.ts';
import { Announcement, AnnouncementParams, CreateAnnouncement, FeedItem } from './contract.ts';

const tag = 'Announcements';

export const createAnnouncement = defineRoute({
  operationId: 'createAnnouncement',
  method: 'POST',
  path: '/v1/events/{id}/announcements',
  handler: 'announcements/create',
  permission: 'events:write',
  summary: "An announcement to the event's audience (all attendees, a ticket type, a session's registrants, the speakers): mailed to each address once and shown in the attendees' feed, now or at `sendAt`",
  tag,
  request: { params: IdParams, body: CreateAnnouncement },
  responses: { 201: { description: 'Sending (now) or scheduled', schema: Announcement } },
});

export const listAnnouncements = defineRoute({
  operationId: 'listAnnouncements',
  method: 'GET',
  path: '/v1/events/{id}/announcements',
  handler: 'announcements/list',
  permission: 'events:read',
  summary: "The event's announcements, scheduled and sent, with their recipient counts",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The announcements', schema: z.object({ items: z.array(Announcement) }) } },
});

export const getAnnouncement = defineRoute({
  operationId: 'getAnnouncement',
  method: 'GET',
  path: '/v1/events/{id}/announcements/{announcementId}',
  handler: 'announcements/get',
  permission: 'events:read',
  summary: 'One announcement and where its sending stands',
  tag,
  request: { params: AnnouncementParams },
  responses: { 200: { description: 'The announcement', schema: Announcement } },
});

export const announcementFeed = defineRoute({
  operationId: 'getAnnouncementFeed',
  method: 'GET',
  path: '/v1/attendee-links/{token}/announcements',
  handler: 'announcements/feed',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The attendee's in-app feed (their signed link): the event's sent announcements whose audience includes their ticket, newest first",
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'The feed', schema: z.object({ items: z.array(FeedItem) }) } },
});
