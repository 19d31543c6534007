import type { Percentiles } from '../orders/stats.ts';

/** Consumed capacity of one kind of read, divided by the number of reads (or walks). */
export interface ReadCapacity {
  rcu: number;
  /** DynamoDB calls per read, and by operation (a timeline page should be exactly one Query). */
  calls: number;
  byCommand: Record<string, { calls: number; units: number }>;
  /** The authorizer's cached look-up of the caller (not the timeline's doing), per read. */
  auth: { calls: number; rcu: number };
}

export interface ReadFigures {
  /** Sequential GETs measured (after the warm-up). */
  reads: number;
  /** Lines each answer held. */
  itemsPerRead: number;
  latencyMs: Percentiles | null;
  capacity: ReadCapacity;
}

/** Reading the whole timeline page by page at one page size. */
export interface WalkFigures {
  walks: number;
  pageSize: number;
  pagesPerWalk: number;
  itemsPerWalk: number;
  /** Newest first and no line twice, in every walk. */
  ordered: boolean;
  latencyMs: Percentiles | null;
  /** Per walk, i.e. per 200 lines. A walk's last page is often empty: DynamoDB hands a cursor back whenever a page fills up. */
  capacity: ReadCapacity;
}

export interface CrmTimelineData {
  method: Record<string, string>;
  /** Lines of each kind the contact's timeline holds. */
  mix: Record<string, number>;
  lines: number;
  /** Bytes per timeline item as DynamoDB sizes it (attribute names + values, keys included). */
  itemBytes: { mean: number; max: number } | null;
  firstPage: ReadFigures | null;
  page100: ReadFigures | null;
  walk25: WalkFigures | null;
  walk100: WalkFigures | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
