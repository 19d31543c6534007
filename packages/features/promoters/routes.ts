import * as z from 'zod/mini';
import { IdParams, ListQuery, listOf } from '#packages/core/common-schemas.ts';
import { defineRoute } from '#packages/core/route.ts';
import {
  Click,
  CommissionLine,
  CommissionPlan,
  CreateCommissionPlan,
  CreateLink,
  CreatePromoter,
  EventScopedQuery,
  FiguresQuery,
  MyPromoter,
  Payout,
  PayoutParams,
  Promoter,
  PromoterFigures,
  PromoterIdParams,
  PromoterLink,
  PromoterOrder,
  SlugParams,
  UpdatePromoter,
} from './contract.ts';

const tag = 'Promoters';
const scoped = "A promoter reads only its own (and, as a team leader, its team's); anyone else's is 404.";

export const createPromoter = defineRoute({
  operationId: 'createPromoter',
  method: 'POST',
  path: '/v1/promoters',
  handler: 'promoters/create',
  permission: 'promoters:write',
  summary: 'Create a promoter: a contact, a user with the promoter role, an immutable code',
  tag,
  request: { body: CreatePromoter },
  responses: { 201: { description: 'Created', schema: Promoter }, 409: { description: 'code_taken, user_is_promoter' }, 422: { description: 'user_unknown, leader_invalid, plan_unknown' } },
});

export const listPromoters = defineRoute({
  operationId: 'listPromoters',
  method: 'GET',
  path: '/v1/promoters',
  handler: 'promoters/list',
  permission: 'promoters:read',
  summary: 'List promoters',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of promoters', schema: listOf(Promoter) } },
});

export const getPromoter = defineRoute({
  operationId: 'getPromoter',
  method: 'GET',
  path: '/v1/promoters/{id}',
  handler: 'promoters/get',
  permission: 'promoters:self',
  summary: `Get a promoter. ${scoped}`,
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The promoter', schema: Promoter } },
});

export const updatePromoter = defineRoute({
  operationId: 'updatePromoter',
  method: 'PATCH',
  path: '/v1/promoters/{id}',
  handler: 'promoters/update',
  permission: 'promoters:write',
  summary: 'Change a promoter (leader, plan, status; never the code)',
  tag,
  request: { params: IdParams, body: UpdatePromoter },
  responses: { 200: { description: 'The changed promoter', schema: Promoter } },
});

export const getMyPromoter = defineRoute({
  operationId: 'getMyPromoter',
  method: 'GET',
  path: '/v1/me/promoter',
  handler: 'promoters/me',
  permission: 'promoters:self',
  summary: "The caller's own promoter record and, as a team leader, its team",
  tag,
  responses: { 200: { description: 'The promoter and its team', schema: MyPromoter } },
});

export const createCommissionPlan = defineRoute({
  operationId: 'createCommissionPlan',
  method: 'POST',
  path: '/v1/commission-plans',
  handler: 'promoters/create-plan',
  permission: 'promoters:write',
  summary: 'Create a commission plan (rules by scope and basis, leader override, hold days)',
  tag,
  request: { body: CreateCommissionPlan },
  responses: { 201: { description: 'Created', schema: CommissionPlan } },
});

export const listCommissionPlans = defineRoute({
  operationId: 'listCommissionPlans',
  method: 'GET',
  path: '/v1/commission-plans',
  handler: 'promoters/list-plans',
  permission: 'promoters:read',
  summary: 'List commission plans',
  tag,
  request: { query: ListQuery },
  responses: { 200: { description: 'A page of plans', schema: listOf(CommissionPlan) } },
});

export const getCommissionPlan = defineRoute({
  operationId: 'getCommissionPlan',
  method: 'GET',
  path: '/v1/commission-plans/{id}',
  handler: 'promoters/get-plan',
  permission: 'promoters:read',
  summary: 'Get a commission plan',
  tag,
  request: { params: IdParams },
  responses: { 200: { description: 'The plan', schema: CommissionPlan } },
});

export const createPromoterLink = defineRoute({
  operationId: 'createPromoterLink',
  method: 'POST',
  path: '/v1/promoters/{id}/links',
  location: '/v1/promoters/{id}/links',
  handler: 'promoters/create-link',
  permission: 'promoters:self',
  summary: 'Create a tracking link of a promoter for an event (a promoter for itself only)',
  tag,
  request: { params: PromoterIdParams, body: CreateLink },
  responses: { 201: { description: 'Created', schema: PromoterLink }, 422: { description: 'promoter_inactive, event_unknown, guest_list_unknown' } },
});

export const listPromoterLinks = defineRoute({
  operationId: 'listPromoterLinks',
  method: 'GET',
  path: '/v1/promoters/{id}/links',
  handler: 'promoters/list-links',
  permission: 'promoters:self',
  summary: `A promoter's links. ${scoped}`,
  tag,
  request: { params: PromoterIdParams, query: ListQuery },
  responses: { 200: { description: 'A page of links', schema: listOf(PromoterLink) } },
});

export const clickPromoterLink = defineRoute({
  operationId: 'clickPromoterLink',
  method: 'GET',
  path: '/v1/promoter-links/{slug}/click',
  handler: 'promoters/click',
  permission: null,
  summary: 'Public: records a click (server time) and answers the attribution token; redirects (302) when the link has a target URL',
  tag,
  request: { params: SlugParams },
  responses: {
    200: { description: 'The token', schema: Click },
    302: { description: 'To the target URL with `promoterToken` added', schema: Click },
    429: { description: 'rate_limited (per client ip and per link), with Retry-After' },
  },
});

export const listPromoterOrders = defineRoute({
  operationId: 'listPromoterOrders',
  method: 'GET',
  path: '/v1/promoters/{id}/orders',
  handler: 'promoters/list-orders',
  permission: 'promoters:self',
  summary: `Paid orders attributed to a promoter. ${scoped}`,
  tag,
  request: { params: PromoterIdParams, query: EventScopedQuery },
  responses: { 200: { description: 'A page of attributed orders', schema: listOf(PromoterOrder) } },
});

export const listPromoterLedger = defineRoute({
  operationId: 'listPromoterLedger',
  method: 'GET',
  path: '/v1/promoters/{id}/ledger',
  handler: 'promoters/ledger',
  permission: 'promoters:self',
  summary: `A promoter's commission ledger, oldest first. ${scoped}`,
  tag,
  request: { params: PromoterIdParams, query: ListQuery },
  responses: { 200: { description: 'A page of ledger lines', schema: listOf(CommissionLine) } },
});

export const getPromoterFigures = defineRoute({
  operationId: 'getPromoterFigures',
  method: 'GET',
  path: '/v1/promoters/{id}/figures',
  handler: 'promoters/figures',
  permission: 'promoters:self',
  summary: `A promoter's own figures for one event (orders, commission, guests; never the event's totals). ${scoped}`,
  tag,
  request: { params: PromoterIdParams, query: FiguresQuery },
  responses: { 200: { description: 'The figures', schema: PromoterFigures } },
});

export const approvePromoterLines = defineRoute({
  operationId: 'approvePromoterLines',
  method: 'POST',
  path: '/v1/promoters/{id}/ledger/approve',
  handler: 'promoters/approve',
  permission: 'promoters:payout',
  summary: "Approve a promoter's pending lines now, before their hold ends (the scheduled job approves them after it)",
  tag,
  request: { params: PromoterIdParams, body: z.object({ lineIds: z.optional(z.array(z.string().check(z.maxLength(300))).check(z.maxLength(100))) }) },
  responses: { 200: { description: 'How many lines were approved', schema: z.object({ approved: z.int() }) } },
});

export const createPayout = defineRoute({
  operationId: 'createPromoterPayout',
  method: 'POST',
  path: '/v1/promoters/{id}/payouts',
  location: '/v1/promoters/{id}/payouts/{created}/csv',
  handler: 'promoters/create-payout',
  permission: 'promoters:payout',
  summary: "Pay a promoter's approved lines (negative ones net against them); each line is paid once",
  tag,
  request: { params: PromoterIdParams },
  responses: { 201: { description: 'The payout', schema: Payout }, 422: { description: 'nothing_to_pay' } },
});

export const getPayoutCsv = defineRoute({
  operationId: 'getPromoterPayoutCsv',
  method: 'GET',
  path: '/v1/promoters/{id}/payouts/{payoutId}/csv',
  handler: 'promoters/payout-csv',
  permission: 'promoters:self',
  summary: `A payout's lines as CSV for accounting (formula-like cells escaped). ${scoped}`,
  tag,
  request: { params: PayoutParams },
  responses: { 200: { description: 'text/csv' } },
});
