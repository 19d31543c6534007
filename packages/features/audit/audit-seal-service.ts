import { isConditionFailure } from '#packages/core/db/conditions.ts';
import { db } from '#packages/core/db/service.ts';
import { nowIso } from '#packages/core/clock.ts';
import { logger } from '#packages/core/logger.ts';
import { chainKey, dayDigest, GENESIS } from './audit-chain.ts';
import { auditDay, mergedTimePage } from './audit-shard-reads.ts';

const DAY_MS = 86_400_000;
/** A run seals at most this many days (a first run after a long pause catches up over a few runs). */
const MAX_DAYS_PER_RUN = 31;

const dayAfter = (day: string): string => new Date(Date.parse(`${day}T00:00:00Z`) + DAY_MS).toISOString().slice(0, 10);

export interface Seal {
  auditSealDay: string;
  digest: string;
  previousDay?: string;
  previousDigest: string;
  count: number;
}

export async function sealOf(day: string): Promise<Seal | null> {
  const { data } = await db().entities.auditSeal.get({ auditSealDay: day }).go({ consistent: true });
  return (data as Seal | null) ?? null;
}

async function latestSeal(): Promise<Seal | null> {
  const { data } = await db().entities.auditSeal.query.all({}).go({ order: 'desc', limit: 1 });
  return (data[0] as Seal | undefined) ?? null;
}

/** The oldest audit item's day: the oldest of every shard's oldest. */
async function firstAuditDay(): Promise<string | null> {
  const { items } = await mergedTimePage({ lo: '0'.repeat(26), hi: '7' + 'Z'.repeat(25) }, { order: 'asc', limit: 1 });
  return items[0]?.auditDay ?? null;
}

/**
 * Seals every finished day (before today, UTC) not sealed yet, in order, each
 * chained to the one before. A seal is created once (a second run racing it
 * finds it there and stops). Days without events are sealed too, so the chain
 * has no gaps to hide a deleted day in.
 */
export async function sealFinishedDays(now = nowIso()): Promise<string[]> {
  const today = now.slice(0, 10);
  const latest = await latestSeal();
  let day = latest ? dayAfter(latest.auditSealDay) : await firstAuditDay();
  if (!day) return [];
  const key = chainKey();
  let previous = latest;
  const sealed: string[] = [];
  while (day < today && sealed.length < MAX_DAYS_PER_RUN) {
    const items = await auditDay(day);
    const seal = {
      auditSealDay: day,
      digest: dayDigest(key, previous?.digest ?? GENESIS, day, items),
      ...(previous ? { previousDay: previous.auditSealDay } : {}),
      previousDigest: previous?.digest ?? GENESIS,
      count: items.length,
      ...(items.length ? { lastAuditId: items.at(-1)!.auditId } : {}),
      sealedAt: now,
    };
    try {
      await db().entities.auditSeal.create(seal).go();
    } catch (error) {
      if (isConditionFailure(error)) break;
      throw error;
    }
    sealed.push(day);
    previous = seal;
    day = dayAfter(day);
  }
  if (sealed.length) logger.info('audit days sealed', { days: sealed.length, last: sealed.at(-1) });
  return sealed;
}
