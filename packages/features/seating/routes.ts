import * as z from 'zod/mini';
import { IdParams } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  BlockedSeats,
  BlockSeats,
  CreateSeatMap,
  CreateVenueSeatMap,
  PretixPlan,
  SeatMap,
  SeatMapSummary,
  SeatMapVersionParams,
  SeatsQuery,
  SeatStates,
  VenueSeatMap,
  VenueSeatMapSummary,
} from './contract.ts';

const tag = 'Seating';

export const createSeatMap = defineRoute({
  operationId: 'createSeatMap',
  // A map version is named by its number, not an id: Location is the event's list of versions.
  location: '/v1/events/{id}/seat-maps',
  method: 'POST',
  path: '/v1/events/{id}/seat-maps',
  handler: 'seating/create-map',
  permission: 'events:write',
  summary: 'Add a draft version of the event seat map (native, imported from a pretix seating plan, or adopted from a version of the venue map)',
  tag,
  request: { params: IdParams, body: CreateSeatMap },
  responses: { 201: { description: 'The draft version, with its capacity derived from the map', schema: SeatMap }, 404: { description: 'The event, or the venue map version to adopt' }, 422: { description: 'invalid_seat_map, unknown_ticket_type, unknown_category, map_too_large' } },
});

export const listSeatMaps = defineRoute({
  operationId: 'listSeatMaps',
  method: 'GET',
  path: '/v1/events/{id}/seat-maps',
  handler: 'seating/list-maps',
  permission: 'events:read',
  summary: 'The versions of the event seat map, oldest first',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every version', schema: z.object({ items: z.array(SeatMapSummary) }) } },
});

export const getSeatMap = defineRoute({
  operationId: 'getSeatMap',
  method: 'GET',
  path: '/v1/events/{id}/seat-maps/{version}',
  handler: 'seating/get-map',
  permission: 'events:read',
  summary: 'One version of the seat map',
  tag,
  request: { params: SeatMapVersionParams },
  responses: { 200: { description: 'The version', schema: SeatMap } },
});

export const exportSeatMap = defineRoute({
  operationId: 'exportSeatMapPretix',
  method: 'GET',
  path: '/v1/events/{id}/seat-maps/{version}/pretix',
  handler: 'seating/export-pretix',
  permission: 'events:read',
  summary: 'One version of the seat map as a pretix seating plan',
  tag,
  request: { params: SeatMapVersionParams },
  responses: { 200: { description: 'pretix seating-plan JSON', schema: PretixPlan } },
});

export const publishSeatMap = defineRoute({
  operationId: 'publishSeatMap',
  method: 'POST',
  path: '/v1/events/{id}/seat-maps/{version}/publish',
  handler: 'seating/publish-map',
  permission: 'events:write',
  summary: 'Put a version on sale; refused when it would remove a held or sold seat',
  tag,
  request: { params: SeatMapVersionParams },
  responses: { 200: { description: 'The published version', schema: SeatMap }, 409: { description: 'seats_in_use (seatGuids named), concurrent_publish' } },
});

export const listSeats = defineRoute({
  operationId: 'listSeats',
  method: 'GET',
  path: '/v1/events/{id}/seats',
  handler: 'seating/list-seats',
  permission: null,
  summary: "Each seat's state in one section (public: the storefront map shows it)",
  tag,
  request: { params: IdParams, query: SeatsQuery },
  responses: { 200: { description: 'free, held, sold or blocked, per seat (none for a section without seats)', schema: SeatStates }, 404: { description: 'not_found: no published seat map, or it has no such section' } },
});

export const blockSeats = defineRoute({
  operationId: 'blockSeats',
  method: 'POST',
  path: '/v1/events/{id}/seats/block',
  handler: 'seating/block-seats',
  permission: 'events:write',
  summary: 'Take free seats off sale (all or nothing)',
  tag,
  request: { params: IdParams, body: BlockSeats },
  responses: { 200: { description: 'The seats, now blocked', schema: BlockedSeats }, 409: { description: 'seats_unavailable (seatGuids named)' } },
});

export const releaseSeats = defineRoute({
  operationId: 'releaseSeats',
  method: 'POST',
  path: '/v1/events/{id}/seats/release',
  handler: 'seating/release-seats',
  permission: 'events:write',
  summary: 'Put blocked seats back on sale (all or nothing)',
  tag,
  request: { params: IdParams, body: BlockSeats },
  responses: { 200: { description: 'The seats, now free', schema: BlockedSeats }, 409: { description: 'seats_unavailable (seatGuids named)' } },
});

const venueTag = 'Venue seat maps';

export const createVenueSeatMap = defineRoute({
  operationId: 'createVenueSeatMap',
  location: '/v1/venues/{id}/seat-maps',
  method: 'POST',
  path: '/v1/venues/{id}/seat-maps',
  handler: 'seating/create-venue-map',
  permission: 'venues:write',
  summary: "Add a version of the venue's seat map (native or a pretix plan), for its events to adopt",
  tag: venueTag,
  request: { params: IdParams, body: CreateVenueSeatMap },
  responses: { 201: { description: 'The version, with its capacity derived from the map', schema: VenueSeatMap }, 422: { description: 'invalid_seat_map (a category naming a ticket type too), map_too_large' } },
});

export const listVenueSeatMaps = defineRoute({
  operationId: 'listVenueSeatMaps',
  method: 'GET',
  path: '/v1/venues/{id}/seat-maps',
  handler: 'seating/list-venue-maps',
  permission: 'venues:read',
  summary: "The versions of the venue's seat map, oldest first",
  tag: venueTag,
  request: { params: IdParams },
  responses: { 200: { description: 'Every version', schema: z.object({ items: z.array(VenueSeatMapSummary) }) } },
});

export const getVenueSeatMap = defineRoute({
  operationId: 'getVenueSeatMap',
  method: 'GET',
  path: '/v1/venues/{id}/seat-maps/{version}',
  handler: 'seating/get-venue-map',
  permission: 'venues:read',
  summary: "One version of the venue's seat map",
  tag: venueTag,
  request: { params: SeatMapVersionParams },
  responses: { 200: { description: 'The version', schema: VenueSeatMap } },
});

export const exportVenueSeatMap = defineRoute({
  operationId: 'exportVenueSeatMapPretix',
  method: 'GET',
  path: '/v1/venues/{id}/seat-maps/{version}/pretix',
  handler: 'seating/export-venue-pretix',
  permission: 'venues:read',
  summary: "One version of the venue's seat map as a pretix seating plan",
  tag: venueTag,
  request: { params: SeatMapVersionParams },
  responses: { 200: { description: 'pretix seating-plan JSON', schema: PretixPlan } },
});

export const deleteVenueSeatMap = defineRoute({
  operationId: 'deleteVenueSeatMap',
  method: 'DELETE',
  path: '/v1/venues/{id}/seat-maps/{version}',
  handler: 'seating/delete-venue-map',
  permission: 'venues:write',
  summary: 'Remove a version of the venue map; events that adopted it keep their own copy',
  tag: venueTag,
  request: { params: SeatMapVersionParams },
  responses: { 204: { description: 'Removed' } },
});
