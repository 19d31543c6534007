import type { Context } from 'aws-lambda';
import { schedules } from '#events/schedules.ts';
import { withLogScope } from '../logger.ts';
import { newId } from '../ids.ts';
import { runInAuditScope } from '../audit/audit-context.ts';
import { loadSecrets, runWithSecrets } from '../secrets/index.ts';
import { withMetrics } from '../metrics.ts';

/**
 * The wrapper for the periodic jobs of events/schedules.ts: each run logs
 * through its own logger, named after its schedule, with the run's id as
 * correlation id, and the tenant secrets its row names (most name none).
 */
export function jobHandler<T>(job: string, fn: () => Promise<T>) {
  const schedule = schedules.find((s) => s.name === job);
  if (!schedule) throw new Error(`job "${job}" has no row in events/schedules.ts`);
  const secrets = schedule.secrets ?? [];
  // A run that changes something leaves one audit event (`jobs.<name>`, actor system:<name>) with its first write.
  return (_event?: unknown, context?: Partial<Context>): Promise<T> => {
    const correlationId = context?.awsRequestId ?? newId();
    return withLogScope({ job, correlationId }, context, () =>
      runInAuditScope({ actor: { type: 'system', id: job }, requestId: correlationId, action: `jobs.${job}` }, async () =>
        withMetrics(async () => (secrets.length ? runWithSecrets(await loadSecrets(secrets), fn) : fn())),
      ),
    );
  };
}
