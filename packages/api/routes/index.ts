import type { RouteDefinition } from '../route.ts';
import * as bundles from './bundles.ts';
import * as checkIns from './check-ins.ts';
import * as contacts from './contacts.ts';
import * as events from './events.ts';
import * as orders from './orders.ts';
import * as stats from './stats.ts';
import * as system from './system.ts';
import * as ticketTypes from './ticket-types.ts';
import * as venues from './venues.ts';
import * as vouchers from './vouchers.ts';

/** The route table: every HTTP route of the product, defined once. */
export const routes: readonly RouteDefinition[] = [system, venues, events, ticketTypes, orders, vouchers, bundles, contacts, stats, checkIns].flatMap((group) =>
  Object.values(group),
);
