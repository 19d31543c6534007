import type { Percentiles } from '../orders/stats.ts';
import type { LtvBenchData } from '../lib/analytics-ltv.ts';

export interface QueryCase {
  name: string;
  params: Record<string, string>;
}

export interface QueryFigures {
  name: string;
  query: string;
  reads: number;
  itemsRead: number;
  series: number;
  latencyMs: Percentiles | null;
  rcu: number;
  queryCalls: number;
}

export interface AnalyticsData {
  method: Record<string, string>;
  seeded: { orders: number; items: number; byInterval: Record<string, number>; seconds: number; itemBytes: { mean: number; max: number } | null } | null;
  slice: {
    orders: number;
    points: number;
    seconds: number;
    pointsPerSecond: number;
    wcuPerOrder: number;
    transactionsPerOrder: number;
    /** Items the analytics transactions wrote per order (marker, raw point, bucket ADDs): each < 1 KB, so DynamoDB bills 2 WCU apiece. */
    itemsPerOrder: number;
    totalMatches: boolean;
    duplicatesCountedOnce: boolean;
  } | null;
  queries: QueryFigures[];
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
  /** The lifetime-value half (bench/sections/analytics-ltv.ts); null when left out. */
  ltv?: LtvBenchData | null;
}
