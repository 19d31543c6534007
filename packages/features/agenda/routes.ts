import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { Agenda, CreateRoom, CreateSession, PublishSchedule, Room, ScheduleVersion, Session, SessionParams, UpdateSession } from './contract.ts';

const tag = 'Agenda';
const items = <T extends z.ZodMiniType>(item: T) => z.object({ items: z.array(item) });

export const createRoom = defineRoute({
  operationId: 'createRoom',
  method: 'POST',
  path: '/v1/events/{id}/rooms',
  location: '/v1/events/{id}/rooms',
  handler: 'agenda/create-room',
  permission: 'events:write',
  summary: 'Add a room to an event',
  tag,
  request: { params: IdParams, body: CreateRoom },
  responses: { 201: { description: 'Created', schema: Room } },
});

export const listRooms = defineRoute({
  operationId: 'listRooms',
  method: 'GET',
  path: '/v1/events/{id}/rooms',
  handler: 'agenda/list-rooms',
  permission: 'events:read',
  summary: "An event's rooms",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The rooms', schema: items(Room) } },
});

export const createSession = defineRoute({
  operationId: 'createSession',
  method: 'POST',
  path: '/v1/events/{id}/sessions',
  handler: 'agenda/create-session',
  permission: 'events:write',
  summary: 'Add a session (draft unless `state: scheduled`); times inside the event',
  tag,
  request: { params: IdParams, body: CreateSession },
  responses: { 201: { description: 'Created', schema: Session } },
});

export const listSessions = defineRoute({
  operationId: 'listSessions',
  method: 'GET',
  path: '/v1/events/{id}/sessions',
  handler: 'agenda/list-sessions',
  permission: 'events:read',
  summary: "Every session of an event (drafts and canceled too), by start time",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The sessions', schema: items(Session) } },
});

export const getSession = defineRoute({
  operationId: 'getSession',
  method: 'GET',
  path: '/v1/events/{id}/sessions/{sessionId}',
  handler: 'agenda/get-session',
  permission: 'events:read',
  summary: 'A session with its seat counts (confirmed, waiting, attended)',
  tag,
  request: { params: SessionParams },
  responses: { 200: { description: 'The session', schema: Session } },
});

export const updateSession = defineRoute({
  operationId: 'updateSession',
  method: 'PATCH',
  path: '/v1/events/{id}/sessions/{sessionId}',
  handler: 'agenda/update-session',
  permission: 'events:write',
  summary: 'Change a session: details, times, room, capacity, state (draft → scheduled → canceled)',
  tag,
  request: { params: SessionParams, body: UpdateSession },
  responses: { 200: { description: 'The changed session', schema: Session } },
});

export const publishSchedule = defineRoute({
  operationId: 'publishSchedule',
  method: 'POST',
  path: '/v1/events/{id}/schedule-versions',
  location: '/v1/events/{id}/schedule-versions',
  handler: 'agenda/publish-schedule',
  permission: 'events:publish',
  summary: 'Release the schedule as its next version, with the changelog against the last one',
  tag,
  request: { params: IdParams, body: PublishSchedule },
  responses: { 201: { description: 'The release', schema: ScheduleVersion } },
});

export const listScheduleVersions = defineRoute({
  operationId: 'listScheduleVersions',
  method: 'GET',
  path: '/v1/events/{id}/schedule-versions',
  handler: 'agenda/list-schedule-versions',
  permission: 'events:read',
  summary: 'Every release of the schedule with its changelog, oldest first',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The releases', schema: items(ScheduleVersion) } },
});

export const getAgenda = defineRoute({
  operationId: 'getAgenda',
  method: 'GET',
  path: '/v1/events/{id}/agenda',
  handler: 'agenda/get-agenda',
  permission: null,
  summary: 'The public agenda: the last released schedule (ETag, Cache-Control; 304 when If-None-Match matches)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The agenda', schema: Agenda }, 304: { description: 'Not modified' } },
  // A release never changes once published; a new one changes the ETag.
  cache: { maxAgeSeconds: 300 },
});

export const getAgendaCalendar = defineRoute({
  operationId: 'getAgendaCalendar',
  method: 'GET',
  path: '/v1/events/{id}/agenda.ics',
  handler: 'agenda/get-agenda-calendar',
  permission: null,
  summary: 'The public agenda as iCalendar (text/calendar)',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'text/calendar' }, 304: { description: 'Not modified' } },
  cache: { maxAgeSeconds: 300 },
});
