import type { DiscreteHistory } from './models/bg-bb.ts';
import type { ContinuousHistory } from './models/bg-nbd.ts';

/** What the fit needs of a buyer summary (the ltvBuyer item). */
export interface Buyer {
  email: string;
  firstPurchaseAt: string;
  lastPurchaseAt: string;
  purchases: number;
  spendAmount: number;
  currency: string;
  eventIds?: readonly string[];
}

/** The organiser's events, as opportunities: not canceled, with their start. */
export interface Opportunity {
  eventId: string;
  startsAt: string;
}

const DAY = 86_400_000;
const WEEK = 7 * DAY;

/**
 * BG/BB's history: the organiser's events that have started, in start order,
 * are the opportunities; the first one the buyer bought for is their start,
 * each later one an opportunity (`n`), those bought for the purchases (`x`),
 * the last bought one's position `tx`.
 */
export function discreteHistory(buyer: Buyer, pastEvents: readonly Opportunity[]): DiscreteHistory {
  const bought = new Set(buyer.eventIds ?? []);
  const positions: number[] = [];
  pastEvents.forEach((e, i) => {
    if (bought.has(e.eventId)) positions.push(i);
  });
  if (!positions.length) return { x: 0, tx: 0, n: 0 };
  const first = positions[0]!;
  const last = positions[positions.length - 1]!;
  return { x: positions.length - 1, tx: last - first, n: pastEvents.length - 1 - first };
}

/** BG/NBD's history in weeks (two decimals, so identical histories group): repeat purchases, the last one's time, the age. */
export function continuousHistory(buyer: Buyer, now: string): ContinuousHistory {
  const first = Date.parse(buyer.firstPurchaseAt);
  const round = (ms: number) => Math.round((ms / WEEK) * 100) / 100;
  return { x: buyer.purchases - 1, tx: round(Date.parse(buyer.lastPurchaseAt) - first), T: Math.max(round(Date.parse(now) - first), 0.01) };
}

export const daysBetween = (from: string, to: string): number => Math.max(0, (Date.parse(to) - Date.parse(from)) / DAY);
