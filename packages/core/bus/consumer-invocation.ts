import type { Context, EventBridgeEvent } from 'aws-lambda';
import type { ConsumerRoute } from '#events/routing.ts';
import { withLogScope } from '../logger.ts';
import { withMetrics } from '../metrics.ts';
import { loadSecrets, runWithSecrets } from '../secrets/index.ts';
import { runInAuditScope } from '../audit/audit-context.ts';

type Bus = EventBridgeEvent<string, unknown>;

/** Runs the consumer's own work with the secrets its declaration names. */
export type WithSecrets = <T>(work: () => Promise<T>) => Promise<T>;

/**
 * Ours carry metadata.correlationId; an SES record is correlated by its
 * message id (what campaign-track passes on); else the bus's event id.
 */
function correlationIdOf(event: Bus): string {
  const detail = event.detail as { metadata?: { correlationId?: unknown }; mail?: { messageId?: unknown } } | null;
  if (typeof detail?.metadata?.correlationId === 'string') return detail.metadata.correlationId;
  if (typeof detail?.mail?.messageId === 'string') return detail.mail.messageId;
  return event.id;
}

/**
 * What every consumer wrapper shares: its declaration (events/routing.ts),
 * its own logger with the consumer's name and the event's correlation id,
 * and its declared secrets, loaded once the event has been read (`run`).
 */
export function consumerInvocation(route: ConsumerRoute, body: (event: Bus, run: WithSecrets) => Promise<void>) {
  const names = route.secrets ?? [];
  const run: WithSecrets = async (work) => runWithSecrets(await loadSecrets(names), work);
  return (event: Bus, context?: Partial<Context>): Promise<void> =>
    withLogScope({ consumer: route.consumer, correlationId: correlationIdOf(event), busEventId: event.id }, context, () =>
      // Consumers act as the system and carry no audit action: the request or job that caused the event has its audit event.
      runInAuditScope({ actor: { type: 'system', id: route.consumer }, requestId: correlationIdOf(event) }, () => withMetrics(() => body(event, run))),
    );
}

/** Whether the bus handed the consumer one of the detail-types it declared (a rule should see to it). */
export function isDeclared<T extends string>(detailTypes: readonly T[], detailType: string): detailType is T {
  return (detailTypes as readonly string[]).includes(detailType);
}
