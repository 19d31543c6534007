import { AsyncLocalStorage } from 'node:async_hooks';

/** Who acts: a signed-in user (or `anonymous` on a public route), the system (a job, a consumer), or a workflow. */
export interface AuditActor {
  type: 'user' | 'system' | 'workflow';
  id: string;
}

/** A changed field; a personal field's values are never kept (by reference to the target only). */
export interface AuditChange {
  field: string;
  old?: unknown;
  new?: unknown;
  personal?: true;
}

/**
 * The request or job a write happens in. With an `action`, the first write of
 * the scope that changes something carries one audit item in its own
 * transaction (audit-interceptor.ts); without one (consumers) it only names
 * the actor.
 */
export interface AuditScope {
  actor: AuditActor;
  requestId: string;
  ip?: string;
  userAgent?: string;
  /** `resource.verb`, e.g. `venues.create`. */
  action?: string;
  /** The path's `{id}`, when the route has one: the target unless the change creates an item. */
  pathId?: string;
  /** What `{id}` names, from the path (`/v1/contacts/{id}/erase` → `contact`). */
  pathResource?: string;
  /** Changes a service states itself (with old values): used instead of those read from the write. */
  providedChanges?: AuditChange[];
  /** The first audited write seen, when it could not carry the item: the standalone item names its target. */
  observed?: import('./write-shape.ts').WriteShape;
  /**
   * The id and time of the scope's one audit item, fixed when it is first built. A write that timed out on the
   * client may still commit with the item; whatever writes it again (the retry, the standalone item) then carries
   * the same key and is refused by the item's condition instead of adding a second one (audit-interceptor.ts).
   */
  auditKey?: { auditId: string; at: string };
  /** Set synchronously when a write takes the audit item, cleared if that write fails: parallel writes add one only. */
  claimed: boolean;
  written: boolean;
}

const scopes = new AsyncLocalStorage<AuditScope>();

export function runInAuditScope<T>(scope: Omit<AuditScope, 'claimed' | 'written'>, fn: () => Promise<T>): Promise<T> {
  return scopes.run({ ...scope, claimed: false, written: false }, fn);
}

export function currentAuditScope(): AuditScope | undefined {
  return scopes.getStore();
}

/**
 * A service that knows the old values of what it changes states them, before
 * its write, so the audit item shows them (personal fields are redacted anyway).
 */
export function stateAuditChanges(changes: AuditChange[]): void {
  const scope = scopes.getStore();
  if (scope) scope.providedChanges = changes;
}

/** `<feature>/<…>/<resource>/<verb>` handler → `resource.verb` (`activities/notes/create` → `notes.create`). */
export function actionOfHandler(handler: string): string {
  const parts = handler.split('/');
  return parts.length === 1 ? parts[0]! : `${parts.at(-2)}.${parts.at(-1)}`;
}

/** The resource a route's `{id}` names: the path segment before it, singular, camelCase (`/v1/table-bookings/{id}` → `tableBooking`). */
export function resourceOfPath(path: string): string | undefined {
  const segments = path.split('/');
  const at = segments.indexOf('{id}');
  if (at < 1) return undefined;
  const plural = segments[at - 1]!;
  const singular = plural.endsWith('ies') ? `${plural.slice(0, -3)}y` : plural.endsWith('s') ? plural.slice(0, -1) : plural;
  return singular.replace(/-(\w)/g, (_m, c: string) => c.toUpperCase());
}
