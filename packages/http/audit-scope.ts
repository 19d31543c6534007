import type { APIGatewayProxyEventV2 } from 'aws-lambda';
import type { RouteDefinition } from '#packages/core/route.ts';
import { actionOfHandler, resourceOfPath, runInAuditScope } from '#packages/core/audit/audit-context.ts';
import { currentAuditScope } from '#packages/core/audit/audit-context.ts';
import { writeStandaloneAudit } from '#packages/core/audit/audit-interceptor.ts';

/**
 * The handler's domain call of a state-changing route runs in an audit
 * scope: its first write carries the one audit item (packages/core/audit);
 * a successful call that wrote none gets the item on its own afterwards, so
 * every successful POST/PUT/PATCH/DELETE leaves exactly one. GET routes run
 * without one. Only the domain call: the Idempotency-Key record and a
 * replayed answer are not changes of their own.
 */
export async function withAuditScope<T extends { status: number }>(
  route: RouteDefinition,
  event: APIGatewayProxyEventV2,
  actorId: string | undefined,
  pathId: string | undefined,
  fn: () => Promise<T>,
): Promise<T> {
  if (route.method === 'GET') return fn();
  const scope = {
    actor: { type: 'user' as const, id: actorId ?? 'anonymous' },
    requestId: event.requestContext?.requestId ?? 'unknown',
    ip: event.requestContext?.http?.sourceIp,
    userAgent: event.headers?.['user-agent'],
    action: actionOfHandler(route.handler),
    pathId,
    pathResource: resourceOfPath(route.path),
  };
  return runInAuditScope(scope, async () => {
    const result = await fn();
    if (result.status < 400) await writeStandaloneAudit(currentAuditScope()!);
    return result;
  });
}
