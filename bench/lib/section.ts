import type { Cleanup } from './cleanup.ts';

export interface SectionContext {
  /** Repository root (absolute). */
  root: string;
  /** Scratch space under .bench-tmp/, git-ignored. */
  tmpDir: string;
  cleanup: Cleanup;
}

/** What a section's run() hands back; `data` is stored as-is in results.json. */
export interface SectionOutcome<D> {
  data: D;
  /** False when some figure misses its target; a miss is reported, never fatal. */
  targetsMet: boolean;
  /** Things that broke (build failures, crashed children); any makes the run exit non-zero. */
  errors: string[];
}

export interface SectionResult<D = unknown> extends SectionOutcome<D> {
  title: string;
  ranAt: string;
  durationMs: number;
  /** 1-minute load average before and after: others' work on the machine skews the figures. */
  loadAverage: { start: number; end: number };
}

/**
 * One part of the bench. render() works from stored data alone, so RESULTS.md
 * can be rebuilt for sections that were not re-run this time.
 */
export interface BenchSection<D> {
  name: string;
  title: string;
  run(ctx: SectionContext): Promise<SectionOutcome<D>>;
  render(data: D): string;
}
