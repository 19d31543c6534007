import type { FilesAccess } from '#packages/core/route.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import type { ConsumerRoute, RoutedDetailType } from '#events/routing.ts';
import { filesAccessOf } from './http-layout.ts';

/**
 * One consumer function: the consumers of one `group` (events/routing.ts),
 * behind one EventBridge rule on the union of their detail-types, one
 * dead-letter queue, and the union of their grants. One function per feature's
 * consumers instead of one per consumer keeps a tenant within its function
 * budget as features add consumers, and an event several of them take costs
 * one invocation.
 */
export interface ConsumerGroupSpec {
  name: string;
  members: ConsumerRoute[];
  detailTypes: RoutedDetailType[];
  /** The most any member asks for: a retried delivery is safe, members being idempotent per event. */
  retryAttempts: number;
  secrets: TenantSecret[];
  readsSendQuota: boolean;
  files: FilesAccess | undefined;
  /** The longest Lambda timeout a member asks for (ConsumerRoute.timeoutSeconds); undefined: the consumers' default. */
  timeoutSeconds: number | undefined;
}

export function consumerGroups(routing: readonly ConsumerRoute[]): ConsumerGroupSpec[] {
  const groups = new Map<string, ConsumerRoute[]>();
  for (const route of routing) {
    const name = route.group ?? route.consumer;
    groups.set(name, [...(groups.get(name) ?? []), route]);
  }
  return [...groups].map(([name, members]) => ({
    name,
    members,
    detailTypes: [...new Set(members.flatMap((m) => m.detailTypes))],
    retryAttempts: Math.max(...members.map((m) => m.retryAttempts)),
    secrets: [...new Set(members.flatMap((m) => m.secrets ?? []))].sort(),
    readsSendQuota: members.some((m) => m.readsSendQuota === true),
    files: filesAccessOf(members.map((m) => m.files)),
    timeoutSeconds: members.some((m) => m.timeoutSeconds) ? Math.max(...members.map((m) => m.timeoutSeconds ?? 0)) : undefined,
  }));
}
