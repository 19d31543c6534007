/**
 * A floor is only a floor of the real request if its transaction has the
 * real one's shape: the same items, the outbox row and the audit item
 * included. The audit item comes from the kit's own builder
 * (packages/core/audit: auditItemFor), and the real transaction is read off
 * the metered warm-up (bench/orders/capacity-meter.ts records the items of
 * every TransactWriteItems, audit item included, as sent).
 */
import { randomUUID } from 'node:crypto';
import type { TransactWriteCommandInput } from '@aws-sdk/lib-dynamodb';
import { auditItemFor } from '#packages/core/audit/audit-interceptor.ts';
import { actionOfHandler, resourceOfPath, type AuditScope } from '#packages/core/audit/audit-context.ts';
import type { RouteDefinition } from '#packages/core/route.ts';
import { marshall } from '@aws-sdk/util-dynamodb';
import type { CallRecord } from '../orders/capacity-meter.ts';
import { itemSize } from '../orders/item-size.ts';

type Item = NonNullable<TransactWriteCommandInput['TransactItems']>[number];

/** `Put order`, `Update inventoryshard`: the operation and ElectroDB's entity name from the sort key. */
export function describeItem(item: Item): string {
  const [kind, body] = Object.entries(item).find(([, v]) => v !== undefined) as [string, { Item?: { sk?: string }; Key?: { sk?: string } }];
  const sk = String(body.Item?.sk ?? body.Key?.sk ?? '');
  return `${kind} ${/^\$(?:[a-z0-9]+#)?([a-z0-9]+)_\d+/i.exec(sk)?.[1]?.toLowerCase() ?? '?'}`;
}

export const describeItems = (input: TransactWriteCommandInput | undefined): string[] => (input?.TransactItems ?? []).map(describeItem);

/** The same, a Put with its item's size as DynamoDB counts it (bench/orders/item-size.ts): what its write costs per copy (table, each index). */
export function describeItemsWithSizes(input: TransactWriteCommandInput | undefined): string[] {
  return (input?.TransactItems ?? []).map((item) => {
    const put = item.Put?.Item;
    return put ? `${describeItem(item)} (${itemSize(marshall(put, { removeUndefinedValues: true }))} B)` : describeItem(item);
  });
}

/**
 * The scope the HTTP stack opens for an anonymous POST of `route`
 * (packages/http/audit-scope.ts): its action and path resource, a UUID
 * request id, the loopback address, no user agent (the bench clients send none).
 */
export function anonymousScope(route: Pick<RouteDefinition, 'handler' | 'path'>, pathId?: string): Omit<AuditScope, 'claimed' | 'written'> {
  const pathResource = resourceOfPath(route.path);
  return {
    actor: { type: 'user', id: 'anonymous' },
    requestId: randomUUID(),
    ip: '127.0.0.1',
    action: actionOfHandler(route.handler),
    ...(pathId ? { pathId } : {}),
    ...(pathResource ? { pathResource } : {}),
  };
}

/** The transaction with the audit item the kit's interceptor would add in `scope` (an error if the kit would add none). */
export function withAuditItem(input: TransactWriteCommandInput, scope: Omit<AuditScope, 'claimed' | 'written'>): TransactWriteCommandInput {
  const audit = auditItemFor(scope, (input.TransactItems ?? []) as never);
  if (!audit) throw new Error('the audit interceptor is not installed or audits none of these items: the floor would lack the audit item');
  return { ...input, TransactItems: [...(input.TransactItems ?? []), audit as Item] };
}

/**
 * The items of the real request's transaction, from the metered warm-up: of
 * the committed TransactWriteItems the route sent, the most frequent item
 * list (a confirmation rather than the rarer waitlist join, say).
 */
export function realTransaction(calls: readonly CallRecord[], route: string | ((request: string) => boolean)): { items: string[]; seen: number } | null {
  const ofRoute = typeof route === 'string' ? (r: string) => r === route : route;
  const counts = new Map<string, { items: string[]; seen: number }>();
  for (const c of calls) {
    if (c.origin !== 'api' || !ofRoute(c.request) || c.command !== 'TransactWriteItems' || c.error) continue;
    const key = c.items.join('|');
    const entry = counts.get(key) ?? { items: c.items, seen: 0 };
    entry.seen++;
    counts.set(key, entry);
  }
  return [...counts.values()].sort((a, b) => b.seen - a.seen)[0] ?? null;
}

const multiset = (items: readonly string[]) => [...items].sort().join(', ');

/** Null when the floor's transaction has the real one's items (count and kinds, in any order); else what differs. */
export function shapeMismatch(floor: readonly string[], real: readonly string[] | undefined): string | null {
  if (!real) return 'no committed transaction of the real request was metered in the warm-up';
  if (multiset(floor) === multiset(real)) return null;
  return `floor transaction [${multiset(floor)}] ≠ real transaction [${multiset(real)}]`;
}
