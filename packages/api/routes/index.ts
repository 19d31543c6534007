import type { RouteDefinition } from '../route.ts';
import * as system from './system.ts';
import * as venues from './venues.ts';

/** The route table: every HTTP route of the product, defined once. */
export const routes: readonly RouteDefinition[] = [...Object.values(system), ...Object.values(venues)];
