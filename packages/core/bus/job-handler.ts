import type { Context } from 'aws-lambda';
import { schedules } from '#events/schedules.ts';
import { withLogScope } from '../logger.ts';
import { newId } from '../ids.ts';
import { withMetrics } from '../metrics.ts';

/**
 * The wrapper for the periodic jobs of events/schedules.ts: each run logs
 * through its own logger, named after its schedule, with the run's id as
 * correlation id. Jobs read no tenant secrets.
 */
export function jobHandler<T>(job: string, fn: () => Promise<T>) {
  if (!schedules.some((s) => s.name === job)) throw new Error(`job "${job}" has no row in events/schedules.ts`);
  return (_event?: unknown, context?: Partial<Context>): Promise<T> =>
    withLogScope({ job, correlationId: context?.awsRequestId ?? newId() }, context, () => withMetrics(fn));
}
