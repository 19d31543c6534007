import { join, relative } from 'node:path';
import { routes } from '#packages/api/routes/index.ts';
import { routing } from '#events/routing.ts';
import { schedules } from '#events/schedules.ts';
import { routeKey } from '#packages/core/route.ts';
import { httpEntryFile, UNMATCHED_ROUTE_FEATURE } from '#infra/http-entries.ts';
import { accessOf, httpFunctions } from '#infra/http-layout.ts';
import type { TenantSecret } from '#packages/core/tenant-secrets.ts';
import { consumerEntryFile } from '#infra/consumer-entries.ts';
import { consumerGroups } from '#infra/consumer-layout.ts';
import { jobEntryFile } from '#infra/job-entries.ts';
import { jobGroups } from '#infra/job-layout.ts';
import { repoRoot } from '#infra/paths.ts';
import { pathMethods } from '#packages/http/unmatched-route.ts';

export type LambdaKind = 'http' | 'consumer' | 'job';

export interface LambdaEntry {
  kind: LambdaKind;
  /** The function's name: an HTTP feature (`orders`), a route's own handler (`orders/create`), a consumer or job handler. */
  name: string;
  /** Entry file relative to the repo root (a generated dispatcher for a feature function). */
  entry: string;
  /** What triggers it: route keys, detail-types or the schedule. */
  triggers: string[];
  /** The tenant secrets CDK grants it (its bundle carries the SSM client only for a parameter one). */
  secrets: TenantSecret[];
}

export const WAKE_UP_HANDLER = 'wake-up';

const dirs: Record<Exclude<LambdaKind, 'http'>, string> = { consumer: 'functions/consumers', job: 'functions/jobs' };

/**
 * Every Lambda CDK deploys, derived the way CDK derives them (infra/http-layout.ts
 * for HTTP, one per consumer row and job), so a new route, consumer or job is
 * benchmarked without touching the bench.
 */
export function lambdaEntries(): LambdaEntry[] {
  const http = httpFunctions(routes).map((fn) => ({
    kind: 'http' as const,
    name: fn.name,
    // The system function also answers the API's $default route: its entry carries the table of paths and methods.
    entry: relative(repoRoot, httpEntryFile(fn, undefined, undefined, fn.name === UNMATCHED_ROUTE_FEATURE && fn.ownReason === undefined ? pathMethods(routes) : undefined)),
    triggers: fn.routes.map(routeKey),
    secrets: accessOf(fn).secrets,
  }));
  const byKey = new Map<string, LambdaEntry>();
  const add = (kind: Exclude<LambdaKind, 'http'>, handler: string, trigger: string) => {
    const key = `${kind}:${handler}`;
    const existing = byKey.get(key);
    if (existing) existing.triggers.push(trigger);
    else byKey.set(key, { kind, name: handler, entry: join(dirs[kind], `${handler}.ts`), triggers: [trigger], secrets: [] });
  };
  // One function per consumer group (infra/consumer-layout.ts): its generated entry, or a lone consumer's own file.
  const consumers = consumerGroups(routing).map((group) => ({
    kind: 'consumer' as const,
    name: group.name,
    entry: relative(repoRoot, consumerEntryFile(group)),
    triggers: group.members.map((m) => `${m.consumer}: ${m.detailTypes.join(', ')}`),
    secrets: group.secrets,
  }));
  // One function per job group (infra/job-layout.ts): its generated entry, or a lone job's own file.
  const jobs = jobGroups(schedules).map((group) => ({
    kind: 'job' as const,
    name: group.name,
    entry: relative(repoRoot, jobEntryFile(group)),
    triggers: group.members.map((m) => `${m.name}: every ${m.rateMinutes} min`),
    secrets: group.secrets,
  }));
  // The target of the one-shot wake-ups (infra/constructs/wake-ups.ts): a job function outside the schedules table.
  add('job', WAKE_UP_HANDLER, 'EventBridge Scheduler one-shot wake-ups');
  return [...http, ...consumers, ...jobs, ...byKey.values()];
}
