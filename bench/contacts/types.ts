import type { CapacityPerOperation } from '../lib/capacity-split.ts';
import type { CpuSpent } from '../lib/cpu.ts';
import type { FloorRun } from '../lib/transaction-floor.ts';
import type { Percentiles } from '../orders/stats.ts';
import type { Target } from '../orders/types.ts';

export interface ContactsData {
  method: Record<string, string>;
  contacts: number;
  concurrency: number;
  warmUp: number;
  /** What the bodies carry: how many have tags (and how many each), a phone, marketing consent. */
  mix: { withTags: number; tagsEach: number; withPhone: number; withConsent: number };
  create: null | {
    wallMs: number;
    perSecond: number;
    outcomes: Record<string, number>;
    latencyMs: { all: Percentiles | null; created: Percentiles | null };
    cpu: CpuSpent;
  };
  floor: FloorRun | null;
  ratioP99: number | null;
  /** Metered on the warm-up burst. */
  capacity: CapacityPerOperation | null;
  targets: Target[];
}
