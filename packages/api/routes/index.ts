import type { RouteDefinition } from '#packages/core/route.ts';
import * as bundles from '#packages/features/bundles/routes.ts';
import * as checkIns from '#packages/features/check-ins/routes.ts';
import * as contacts from '#packages/features/contacts/routes.ts';
import * as companies from '#packages/features/companies/routes.ts';
import * as events from '#packages/features/events/routes.ts';
import * as orders from '#packages/features/orders/routes.ts';
import * as stats from '#packages/features/stats/routes.ts';
import * as system from '#packages/features/system/routes.ts';
import * as ticketTypes from '#packages/features/ticket-types/routes.ts';
import * as venues from '#packages/features/venues/routes.ts';
import * as vouchers from '#packages/features/vouchers/routes.ts';
import * as leads from '#packages/features/leads/routes.ts';
import * as leadScoring from '#packages/features/leads/lead-scoring-routes.ts';
import * as pipelines from '#packages/features/pipelines/routes.ts';
import * as opportunities from '#packages/features/opportunities/routes.ts';
import * as interactions from '#packages/features/activities/interactions-routes.ts';
import * as tasks from '#packages/features/activities/tasks-routes.ts';
import * as notes from '#packages/features/activities/notes-routes.ts';
import * as timeline from '#packages/features/timeline/routes.ts';
import * as roles from '#packages/features/identity/roles-routes.ts';
import * as users from '#packages/features/identity/users-routes.ts';
import * as segments from '#packages/features/segments/routes.ts';
import * as unsubscribe from '#packages/features/unsubscribe/routes.ts';
import * as campaignStats from '#packages/features/campaigns/campaign-stats-routes.ts';
import * as campaigns from '#packages/features/campaigns/routes.ts';
import * as webhooks from '#packages/features/webhooks/routes.ts';
import * as workflows from '#packages/features/workflows/routes.ts';
import * as seating from '#packages/features/seating/routes.ts';
import * as tables from '#packages/features/tables/routes.ts';
import * as promoters from '#packages/features/promoters/routes.ts';
import * as guestLists from '#packages/features/guest-lists/routes.ts';
import * as consents from '#packages/features/consents/routes.ts';
import * as imports from '#packages/features/imports/routes.ts';
import * as erasure from '#packages/features/erasure/routes.ts';
import * as exportsRoutes from '#packages/features/exports/routes.ts';
import * as attendees from '#packages/features/attendees/routes.ts';
import * as agenda from '#packages/features/agenda/routes.ts';
import * as sessions from '#packages/features/sessions/routes.ts';
import * as feedback from '#packages/features/feedback/routes.ts';
import * as materials from '#packages/features/materials/routes.ts';
import * as speakers from '#packages/features/speakers/routes.ts';
import * as audit from '#packages/features/audit/routes.ts';

/** The route table: every HTTP route of the product, defined once. */
export const routes: readonly RouteDefinition[] = [system, venues, events, ticketTypes, orders, vouchers, bundles, contacts, companies, stats, checkIns, interactions, tasks, notes, timeline, roles, users, segments, unsubscribe, campaigns, campaignStats, leads, leadScoring, pipelines, opportunities, webhooks, workflows, seating, tables, promoters, guestLists, consents, imports, erasure, exportsRoutes, attendees, agenda, sessions, feedback, materials, speakers, audit].flatMap((group) =>
  Object.values(group),
);
