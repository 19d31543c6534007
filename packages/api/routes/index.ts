import type { RouteDefinition } from '../route.ts';
import * as contacts from './contacts.ts';
import * as events from './events.ts';
import * as system from './system.ts';
import * as ticketTypes from './ticket-types.ts';
import * as venues from './venues.ts';

/** The route table: every HTTP route of the product, defined once. */
export const routes: readonly RouteDefinition[] = [system, venues, events, ticketTypes, contacts].flatMap((group) =>
  Object.values(group),
);
