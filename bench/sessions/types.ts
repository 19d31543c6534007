import type { CapacityPerOperation } from '../lib/capacity-split.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { CallKind } from '../lib/call-breakdown.ts';
import type { FloorRun } from '../lib/transaction-floor.ts';

/** What bench/sessions/register-client.ts is told (JSON file path in argv): one POST per path, no body, no token (the path carries the attendee's signed link). */
export interface RegisterConfig {
  apiUrl: string;
  paths: string[];
  concurrency: number;
}

/** [HTTP status (0: no answer), registration state or problem code, latency ms]. */
export type RegisterSample = [status: number, outcome: string | null, ms: number];

export interface RegisterOutput {
  wallMs: number;
  samples: RegisterSample[];
}

export interface SessionsData {
  method: Record<string, string>;
  attendees: number;
  sessions: number;
  capacityPerSession: number;
  concurrency: number;
  burst: null | {
    wallMs: number;
    perSecond: number;
    outcomes: Record<string, number>;
    latencyMs: Percentiles | null;
  };
  /** Per session after the burst: the counter and the confirmed registrations listed. */
  check: null | { overCapacity: number; confirmed: number; waitlisted: number; maxTaken: number; registrationsListed: number };
  floor: FloorRun | null;
  /** The items of a committed confirmation metered in the warm-up (audit item included), as the floor's are compared with. */
  realItems: string[] | null;
  /** The request path's calls in the metered warm-up, per successful registration, by kind. */
  breakdown: CallKind[];
  /** The session cache of the bench process (the handlers run in it): hits and reads over the timed burst. */
  sessionCache: { hits: number; misses: number } | null;
  ratioP99: number | null;
  capacity: CapacityPerOperation | null;
  targets: Array<{ name: string; ok: boolean | null; detail: string }>;
}
