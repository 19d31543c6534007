import type { BuildBilling } from './billing.ts';
import type { Percentiles } from '../orders/stats.ts';

export interface CapacityFigures {
  rcu: number;
  wcu: number;
  calls: number;
  byCommand: Record<string, { calls: number; units: number }>;
}

export interface ReadFigures {
  reads: number;
  /** In-process service call (the handler's work without HTTP): ms. */
  serviceMs: Percentiles | null;
  /** GET through the local HTTP API (auth, validation, JSON): ms. */
  httpMs: Percentiles | null;
  /** Per read, as DynamoDB Local reports it. */
  capacity: CapacityFigures | null;
}

export interface CrmSegmentsData {
  method: Record<string, string>;
  contacts: number;
  filter: Record<string, unknown>;
  chunk: number;
  load: { wallMs: number; perSecond: number; wcuPerContact: number } | null;
  build: {
    wallMs: number;
    members: number;
    expectedMembers: number;
    steps: number;
    perContact: CapacityFigures;
    perMember: { wcu: number };
    /** From item sizes: what DynamoDB would bill (bench/segments/billing.ts). */
    billed?: BuildBilling;
  } | null;
  count: ReadFigures | null;
  firstPage: (ReadFigures & { pageSize: number; firstPageCorrect: boolean }) | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
