import { db } from '../db/service.ts';
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
  const result = await db()
    .transaction.write((entities) => [
      markerPut(entities, consumer, eventId),
      ...effects(entities),
    ])
    .go();
  if (!result.canceled) return true;
  const [marker, ...rest] = result.data;
  if (marker?.rejected) return false;
  const reasons = rest.map((r) => (r as { code?: string }).code ?? 'none').join(',');
  throw new EffectRejected(`${consumer}: effect for ${eventId} was rejected (${reasons})`);
}
