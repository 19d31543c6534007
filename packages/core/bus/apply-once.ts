import { namedTransaction } from '../db/named-transaction.ts';
import type { TransactionEntities, TransactionItem } from '../db/transaction-types.ts';
import { nowIso } from '../clock.ts';

/** Markers outlive EventBridge's 24-hour retry window comfortably. */
const MARKER_TTL_SECONDS = 7 * 24 * 3600;


/** The "already applied" marker, for callers that build their own transaction. */
export function markerPut(entities: TransactionEntities, consumer: string, eventId: string): TransactionItem {
  return entities.processedEvent
    .create({ consumer, eventId, processedAt: nowIso(), ttl: Math.floor(Date.now() / 1000) + MARKER_TTL_SECONDS })
    .commit();
}

export class EffectRejected extends Error {
  override name = 'EffectRejected';
}

/**
 * Applies a consumer's writes and its "processed" marker in one transaction,
 * so a redelivered event (EventBridge is at-least-once) changes nothing.
 * Returns false when the event had been applied already.
 */
export async function applyOnce(
  consumer: string,
  eventId: string,
  effects: (entities: TransactionEntities) => TransactionItem[],
): Promise<boolean> {
  const tx = namedTransaction<'marker' | 'effect'>();
  tx.add('marker', markerPut(tx.entities, consumer, eventId)).add('effect', ...effects(tx.entities));
  const result = await tx.go();
  if (!result.canceled) return true;
  if (tx.rejected(result, 'marker')) return false;
  // A conflict on the marker is a race, not "applied": thrown, so EventBridge delivers again.
  const reasons = result.data.map((r) => (r as { code?: string }).code ?? 'none').join(',');
  throw new EffectRejected(`${consumer}: effect for ${eventId} was rejected (${reasons})`);
}
