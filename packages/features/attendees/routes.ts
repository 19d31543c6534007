import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { Attendee, AttendeeForm, AttendeeInput, AttendeeList, AttendeeListQuery, TokenParams, TokenTicketParams } from './contract.ts';

const tag = 'Attendees';

export const listAttendees = defineRoute({
  operationId: 'listAttendees',
  method: 'GET',
  path: '/v1/events/{id}/attendees',
  handler: 'attendees/list',
  permission: 'orders:read',
  summary: "An event's tickets with their named attendees (badges, lists), by paid order; filter by ticket type and check-in state",
  tag,
  request: { params: IdParams, query: AttendeeListQuery },
  responses: { 200: { description: 'A page of attendees', schema: AttendeeList } },
});

export const assignAttendee = defineRoute({
  operationId: 'assignAttendee',
  method: 'PUT',
  path: '/v1/tickets/{id}/attendee',
  handler: 'attendees/assign',
  permission: 'orders:write',
  summary: "Name a ticket's attendee (staff); the attendee becomes a contact and is mailed the ticket",
  tag,
  request: { params: IdParams, body: AttendeeInput },
  responses: { 200: { description: 'The ticket with its attendee', schema: Attendee } },
});

export const getAttendeeForm = defineRoute({
  operationId: 'getAttendeeForm',
  method: 'GET',
  path: '/v1/attendee-forms/{token}',
  handler: 'attendees/get-form',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The buyer's signed link (mailed with the order): the order's tickets, their attendees and questions",
  tag,
  request: { params: TokenParams },
  responses: { 200: { description: 'The form', schema: AttendeeForm } },
});

export const fillAttendeeForm = defineRoute({
  operationId: 'fillAttendeeForm',
  method: 'PUT',
  path: '/v1/attendee-forms/{token}/tickets/{ticketId}',
  handler: 'attendees/fill-form',
  permission: null,
  secrets: ['ticketSigningKey'],
  summary: "The buyer names one ticket's attendee through the signed link",
  tag,
  request: { params: TokenTicketParams, body: AttendeeInput },
  responses: { 200: { description: 'The ticket with its attendee', schema: Attendee } },
});
