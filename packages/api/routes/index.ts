import type { RouteDefinition } from '../route.ts';
import * as bundles from './bundles.ts';
import * as checkIns from './check-ins.ts';
import * as contacts from './contacts.ts';
import * as companies from './companies.ts';
import * as events from './events.ts';
import * as orders from './orders.ts';
import * as stats from './stats.ts';
import * as system from './system.ts';
import * as ticketTypes from './ticket-types.ts';
import * as venues from './venues.ts';
import * as vouchers from './vouchers.ts';
import * as leads from './leads.ts';
import * as leadScoring from './lead-scoring.ts';
import * as pipelines from './pipelines.ts';
import * as opportunities from './opportunities.ts';
import * as interactions from './interactions.ts';
import * as tasks from './tasks.ts';
import * as notes from './notes.ts';
import * as timeline from './timeline.ts';
import * as roles from './roles.ts';
import * as users from './users.ts';
import * as segments from './segments.ts';
import * as unsubscribe from './unsubscribe.ts';
import * as campaignStats from './campaign-stats.ts';
import * as campaigns from './campaigns.ts';

/** The route table: every HTTP route of the product, defined once. */
export const routes: readonly RouteDefinition[] = [system, venues, events, ticketTypes, orders, vouchers, bundles, contacts, companies, stats, checkIns, interactions, tasks, notes, timeline, roles, users, segments, unsubscribe, campaigns, campaignStats, leads, leadScoring, pipelines, opportunities].flatMap((group) =>
  Object.values(group),
);
