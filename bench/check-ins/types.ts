import type { Percentiles } from '../orders/stats.ts';

/** What bench/check-ins/scan-client.ts is told (JSON file path in argv). */
export interface ScanConfig {
  apiUrl: string;
  eventId: string;
  token: string;
  codes: string[];
  concurrency: number;
}

/** One scan: [HTTP status (0: no answer), problem code or null, latency ms]. */
export type ScanSample = [status: number, code: string | null, ms: number];

export interface ScanOutput {
  wallMs: number;
  samples: ScanSample[];
}

export interface CapacityPerScan {
  /** Successful scans the figures divide by. */
  scans: number;
  api: { rcu: number; wcu: number; calls: number; byCommand: Record<string, { calls: number; units: number }> };
  consumers: { rcu: number; wcu: number; calls: number; byCommand: Record<string, { calls: number; units: number }> };
}

export interface CheckInsData {
  method: Record<string, string>;
  /** Null when POST /v1/events/{id}/check-ins is not served yet. */
  endpoint: { available: boolean; probe: string };
  tickets: number;
  concurrency: number;
  scan: null | {
    wallMs: number;
    perSecond: number;
    outcomes: Record<string, number>;
    latencyMs: { all: Percentiles | null; ok: Percentiles | null };
    /** GET /v1/events/{id}/stats after the bus drained. */
    statsCheckedIn: number | null;
  };
  floor: { ops: number; concurrency: number; wallMs: number; perSecond: number; latencyMs: Percentiles | null };
  ratioP99: number | null;
  capacity: CapacityPerScan | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
