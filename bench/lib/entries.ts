import { join } from 'node:path';
import { routes } from '../../packages/api/routes/index.ts';
import { routing } from '../../events/routing.ts';
import { schedules } from '../../events/schedules.ts';
import { routeKey } from '../../packages/api/route.ts';

export type LambdaKind = 'http' | 'consumer' | 'job';

export interface LambdaEntry {
  kind: LambdaKind;
  /** The table's `handler` value, e.g. `events/get`. */
  name: string;
  /** Entry file relative to the repo root. */
  entry: string;
  /** What triggers it: route keys, detail-types or the schedule. */
  triggers: string[];
}

const dirs: Record<LambdaKind, string> = { http: 'functions/http', consumer: 'functions/consumers', job: 'functions/jobs' };

/**
 * Every Lambda CDK deploys, read from the same tables CDK reads, so a new
 * route, consumer or job is benchmarked without touching the bench.
 */
export function lambdaEntries(): LambdaEntry[] {
  const byKey = new Map<string, LambdaEntry>();
  const add = (kind: LambdaKind, handler: string, trigger: string) => {
    const key = `${kind}:${handler}`;
    const existing = byKey.get(key);
    if (existing) existing.triggers.push(trigger);
    else byKey.set(key, { kind, name: handler, entry: join(dirs[kind], `${handler}.ts`), triggers: [trigger] });
  };
  for (const route of routes) add('http', route.handler, routeKey(route));
  for (const consumer of routing) add('consumer', consumer.handler, consumer.detailTypes.join(', '));
  for (const job of schedules) add('job', job.handler, `every ${job.rateMinutes} min`);
  return [...byKey.values()];
}
