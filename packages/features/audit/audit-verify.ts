import { auditContentHash } from '#packages/core/audit/audit-record.ts';
import { chainKey, dayDigest } from './audit-chain.ts';
import { auditDay } from './audit-shard-reads.ts';
import { sealOf } from './audit-seal-service.ts';

/**
 * Recomputes a day: each item's content against its hash (an edited item is
 * named), then, once the day is sealed, the keyed chain against the seal and
 * the seal's link to the previous day's (an item rewritten with a fresh hash,
 * added or removed breaks the chain; without the key it cannot be rebuilt).
 */
export async function verifyAuditDay(day: string) {
  const items = await auditDay(day);
  for (const item of items) {
    const { hash, ...content } = item;
    const expected = auditContentHash({
      auditId: content.auditId,
      auditDay: content.auditDay,
      at: content.at,
      actor: content.actor,
      action: content.action,
      target: content.target,
      changes: content.changes,
      requestId: content.requestId,
      ...(content.ip !== undefined ? { ip: content.ip } : {}),
      ...(content.userAgent !== undefined ? { userAgent: content.userAgent } : {}),
    });
    if (expected !== hash || content.auditDay !== day) {
      return { day, ok: false, sealed: false, count: items.length, firstBroken: { id: item.auditId, reason: 'its content does not match its hash' } };
    }
  }
  const seal = await sealOf(day);
  if (!seal) return { day, ok: true, sealed: false, count: items.length };
  if (seal.previousDay) {
    const previous = await sealOf(seal.previousDay);
    if (previous?.digest !== seal.previousDigest) {
      return { day, ok: false, sealed: true, count: items.length, firstBroken: { id: null, reason: `the seal of ${seal.previousDay} no longer matches this day's link to it` } };
    }
  }
  const digest = dayDigest(chainKey(), seal.previousDigest, day, items);
  if (digest !== seal.digest || seal.count !== items.length) {
    return {
      day,
      ok: false,
      sealed: true,
      count: items.length,
      firstBroken: { id: null, reason: `the chain does not match the seal (sealed ${seal.count} items, found ${items.length}): an item was added, removed or rewritten` },
    };
  }
  return { day, ok: true, sealed: true, count: items.length };
}
