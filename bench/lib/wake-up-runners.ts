import type { Metafile } from 'esbuild';
import { handler as wakeUp } from '#functions/jobs/wake-up.ts';
import { lazyLoads } from './heaviest-load.ts';

/**
 * The module each kind of wake-up loads on its first wake-up
 * (functions/jobs/wake-up.ts `members`), so the bench judges the wake-up
 * function as it judges a job group: its import plus its heaviest kind's load.
 */
export const wakeUpRunnerFiles: readonly { job: string; file: string }[] = [
  { job: 'workflow-run', file: 'packages/features/workflows/due-runs.ts' },
  { job: 'webhook-delivery', file: 'packages/features/webhooks/send-delivery.ts' },
  { job: 'lifetime-value-run', file: 'packages/features/lifetime-value/run.ts' },
];

/** Fails the row when the handler's kinds or the chunks its bundle loads lazily no longer match the table above. */
export function assertWakeUpRunners(metafile: Metafile, root: string, outfile: string): void {
  const kinds = Object.keys(wakeUp.members).sort().join(', ');
  const listed = wakeUpRunnerFiles.map((r) => r.job).sort().join(', ');
  if (kinds !== listed) throw new Error(`wake-up kinds changed (${kinds} vs ${listed}): update bench/lib/wake-up-runners.ts`);
  const loaded = lazyLoads(metafile, root, outfile).map((l) => l.source).sort().join(', ');
  const files = wakeUpRunnerFiles.map((r) => r.file).sort().join(', ');
  if (loaded !== files) throw new Error(`wake-up loads ${loaded}, not ${files}: update bench/lib/wake-up-runners.ts`);
}
