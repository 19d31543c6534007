import { routeKey, type FilesAccess, type RouteDefinition } from '#packages/core/route.ts';
import { routeSecrets } from '#packages/http/cursors/list-routes.ts';

/**
 * Which Lambda serves which route: one function per feature, not per route.
 *
 * A route's feature is the first segment of its handler, its folder under
 * packages/features (`orders/get` → `orders`); several small features share
 * one function here. A feature not listed gets a function of its own, so a
 * new feature folder deploys without touching this file (test/infra keeps the total under the functions-per-tenant budget).
 * Each feature is one nested stack holding its function and its routes: a
 * route should keep its feature (moving it between nested stacks makes
 * CloudFormation create the new route before deleting the old one, and the
 * route key collides).
 *
 * A route with `ownFunction: '<reason>'` gets a Lambda of its own, in its
 * feature's nested stack (RouteDefinition.ownFunction).
 *
 * The routes of a feature that hold the Stripe secret (table deposits …) are
 * served by a second function of the feature, `<feature>-payments`: only they
 * may read the secret, and the Stripe SDK (240 KiB) stays out of the bundle
 * of the feature's other routes (bench: bundles).
 */
export const featureFolders: Readonly<Record<string, readonly string[]>> = {
  // What is on sale and the orders for it (the storefront order, refund and Stripe webhook have their own functions).
  sales: ['venues', 'events', 'ticket-types', 'vouchers', 'bundles', 'orders'],
  'check-ins': ['check-ins', 'stats'],
  // With the consent pages, the unsubscribe links: the two that hold the marketing-token key (campaigns' routes do not).
  crm: ['contacts', 'companies', 'timeline', 'activities', 'consents', 'unsubscribe'],
  // Bulk data in and out of the CRM: the S3 client and the CSV parser stay out of the CRM's everyday function.
  data: ['imports', 'erasure', 'exports'],
  marketing: ['campaigns', 'segments'],
  pipeline: ['pipelines', 'opportunities', 'leads'],
  integrations: ['webhooks', 'workflows'],
  // The map and what is sold on it (the SVG sanitiser); promoters and their lists apart.
  nightlife: ['seating', 'tables'],
  promoters: ['promoters', 'guest-lists'],
  // Attendees and their day; the programme (agenda, speakers, materials on S3, calendars) apart.
  conference: ['attendees', 'sessions', 'feedback', 'announcements'],
  programme: ['agenda', 'speakers', 'materials'],
  // Users and roles, and the audit log of what they did (admin reads).
  identity: ['identity', 'audit'],
  // Sponsors, exhibitors with their booths and leads, networking meetings.
  tradeshow: ['sponsors', 'exhibitors', 'networking'],
  analytics: ['analytics', 'reports', 'lifetime-value'],
};

const featureByFolder = new Map<string, string>();
for (const [feature, folders] of Object.entries(featureFolders)) {
  for (const folder of folders) {
    const taken = featureByFolder.get(folder);
    if (taken) throw new Error(`infra/http-layout.ts: folder "${folder}" is in features "${taken}" and "${feature}"`);
    featureByFolder.set(folder, feature);
  }
}

/** `orders/get` → `orders`; `stats/get` → `check-ins` (merged); an unlisted folder is its own feature. */
export function featureOf(route: Pick<RouteDefinition, 'handler'>): string {
  const folder = route.handler.includes('/') ? route.handler.slice(0, route.handler.indexOf('/')) : route.handler;
  return featureByFolder.get(folder) ?? folder;
}

export interface HttpFunctionSpec {
  /** The feature's name, or for a route with a function of its own its handler (`orders/create`). */
  name: string;
  feature: string;
  /** Set when this is a route's own function: the route's `ownFunction` reason. */
  ownReason?: string;
  routes: RouteDefinition[];
}

export interface HttpFeatureSpec {
  feature: string;
  /** The feature function (if any route is left for it) first, then the own functions. */
  functions: HttpFunctionSpec[];
}

/**
 * What the route table deploys as: features in first-seen order, each with its
 * functions. `ownFunctions: false` ignores `ownFunction` (the bench's
 * "one function per feature" layout).
 */
export function httpLayout(routes: readonly RouteDefinition[], options: { ownFunctions?: boolean } = {}): HttpFeatureSpec[] {
  const own = options.ownFunctions ?? true;
  const features = new Map<string, HttpFeatureSpec>();
  for (const route of routes) {
    const feature = featureOf(route);
    let spec = features.get(feature);
    if (!spec) features.set(feature, (spec = { feature, functions: [] }));
    if (own && route.ownFunction !== undefined) {
      if (route.ownFunction.trim().length < 10) {
        throw new Error(`${routeKey(route)}: ownFunction must say why the route needs a function of its own`);
      }
      spec.functions.push({ name: route.handler, feature, ownReason: route.ownFunction, routes: [route] });
      continue;
    }
    const name = paysThroughStripe(route) ? `${feature}-payments` : feature;
    let shared = spec.functions.find((fn) => fn.ownReason === undefined && fn.name === name);
    if (!shared) {
      shared = { name, feature, routes: [] };
      // The feature function first, then its payments function, then own functions.
      if (name === feature) spec.functions.unshift(shared);
      else spec.functions.splice(spec.functions.filter((fn) => fn.ownReason === undefined).length, 0, shared);
    }
    shared.routes.push(route);
  }
  return [...features.values()];
}

/** A route that names the Stripe secret (RouteDefinition.secrets). */
const paysThroughStripe = (route: RouteDefinition) => routeSecrets(route).includes('stripe');

export const httpFunctions = (routes: readonly RouteDefinition[], options?: { ownFunctions?: boolean }): HttpFunctionSpec[] =>
  httpLayout(routes, options).flatMap((feature) => feature.functions);

/** Route key → name of the function that serves it. */
export function functionByRouteKey(functions: readonly HttpFunctionSpec[]): Map<string, string> {
  return new Map(functions.flatMap((fn) => fn.routes.map((route) => [routeKey(route), fn.name] as const)));
}

/** What a function's routes need, and nothing more: its IAM is the union of these. */
export function accessOf(fn: Pick<HttpFunctionSpec, 'routes'>) {
  return {
    /** Any method but GET writes to the table and may publish events. */
    writes: fn.routes.some((route) => route.method !== 'GET'),
    // A list route also reads the root of the cursor key (packages/http/cursors/cursor-key.ts).
    secrets: [...new Set(fn.routes.flatMap(routeSecrets))].sort(),
    identityDirectory: fn.routes.some((route) => route.identityDirectory === true),
    /** The readiness check: DescribeEventBus and SES GetAccount (EventosFunction.grantDependencyProbes). */
    probesDependencies: fn.routes.some((route) => route.probesDependencies === true),
    /** The widest file access any of its routes declares, or none. */
    files: filesAccessOf(fn.routes.map((route) => route.files)),
  };
}

/** `write` if any asks to write, else `read` if any reads, else none. */
export function filesAccessOf(declared: readonly (FilesAccess | undefined)[]): FilesAccess | undefined {
  if (declared.includes('write')) return 'write';
  return declared.includes('read') ? 'read' : undefined;
}
