import { IdParams, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import { SlugParams } from '#packages/features/promoters/contract.ts';
import { AddGuest, CreateGuestList, Guest, GuestList, GuestListQuery, GuestSignUp, PromoterGuestsQuery } from './contract.ts';

const tag = 'Guest lists';
const guestRefusals = {
  404: { description: 'not_found' },
  409: { description: 'guest_list_full (the tier quota is reached), duplicate_guest (the person is already on a list of this event: the first promoter keeps them)' },
  422: { description: 'tier_unknown, guest_list_closed (after the deadline), promoter_inactive' },
};

export const createGuestList = defineRoute({
  operationId: 'createGuestList',
  method: 'POST',
  path: '/v1/events/{id}/guest-lists',
  location: '/v1/events/{id}/guest-lists',
  handler: 'guest-lists/create',
  permission: 'promoters:write',
  summary: 'Create a guest list of an event: tiers with a quota and a deadline',
  tag,
  request: { params: IdParams, body: CreateGuestList },
  responses: { 201: { description: 'Created', schema: GuestList } },
});

export const listGuestLists = defineRoute({
  operationId: 'listGuestLists',
  method: 'GET',
  path: '/v1/events/{id}/guest-lists',
  handler: 'guest-lists/list',
  permission: 'promoters:self',
  summary: "An event's guest lists (places taken per tier: organisers only)",
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The lists', schema: listOf(GuestList) } },
});

export const addGuest = defineRoute({
  operationId: 'addGuest',
  method: 'POST',
  path: '/v1/guest-lists/{id}/guests',
  location: '/v1/guest-lists/{id}/guests',
  handler: 'guest-lists/add-guest',
  permission: 'promoters:self',
  summary: 'Add a guest (name + email or phone) to a tier: a promoter to its own list, an organiser naming the promoter',
  tag,
  request: { params: IdParams, body: AddGuest },
  responses: { 201: { description: 'The guest, with the code scanned at the door', schema: Guest }, ...guestRefusals },
});

export const listGuests = defineRoute({
  operationId: 'listGuests',
  method: 'GET',
  path: '/v1/guest-lists/{id}/guests',
  handler: 'guest-lists/list-guests',
  permission: 'promoters:read',
  summary: "Every guest of a list, all promoters; `?status=no_show` once the event is over",
  tag,
  request: { params: IdParams, query: GuestListQuery },
  responses: { 200: { description: 'A page of guests', schema: listOf(Guest) } },
});

export const listPromoterGuests = defineRoute({
  operationId: 'listPromoterGuests',
  method: 'GET',
  path: '/v1/promoters/{id}/guests',
  handler: 'guest-lists/promoter-guests',
  permission: 'promoters:self',
  summary: "A promoter's guests (its own; a team leader's team's), with check-ins and no-shows",
  tag,
  request: { params: IdParams, query: PromoterGuestsQuery },
  responses: { 200: { description: 'A page of guests', schema: listOf(Guest) } },
});

export const signUpGuest = defineRoute({
  operationId: 'signUpGuest',
  method: 'POST',
  path: '/v1/promoter-links/{slug}/guests',
  // A public sign-up: the guest is on the promoter's list, which its caller cannot read.
  location: null,
  handler: 'guest-lists/sign-up',
  permission: null,
  summary: "Public: a guest signs up through a promoter's link that points at a guest list tier",
  tag,
  request: { params: SlugParams, body: GuestSignUp },
  responses: { 201: { description: 'The guest, with its code', schema: Guest }, ...guestRefusals, 429: { description: 'rate_limited (per client ip and per link), with Retry-After' } },
});
