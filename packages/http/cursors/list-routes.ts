import type { RouteDefinition } from '#packages/core/route.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { cursorKeySecret } from './cursor-key.ts';

interface SchemaDef {
  type?: string;
  shape?: Record<string, unknown>;
  in?: { _zod?: { def?: SchemaDef } };
}

/** The object a query schema validates, through a pipe (transform) if there is one. */
function shapeOf(def: SchemaDef | undefined): Record<string, unknown> | undefined {
  if (def?.type === 'pipe') return shapeOf(def.in?._zod?.def);
  return def?.type === 'object' ? def.shape : undefined;
}

/**
 * A list route is one whose query takes `cursor`: its cursors are sealed by
 * the transport. Read from the schema, so a new list route is one without
 * anyone listing it.
 */
export function pagesWithCursor(route: Pick<RouteDefinition, 'request'>): boolean {
  const query = route.request?.query as { _zod?: { def?: SchemaDef } } | undefined;
  const shape = shapeOf(query?._zod?.def);
  return shape !== undefined && 'cursor' in shape;
}

/** The tenant secrets a route's handler reads: those it names, and the cursor key's root on a list route. */
export function routeSecrets(route: Pick<RouteDefinition, 'request' | 'secrets'>): TenantSecret[] {
  const named = route.secrets ?? [];
  return pagesWithCursor(route) && !named.includes(cursorKeySecret) ? [...named, cursorKeySecret] : [...named];
}
