import { routeKey } from '#packages/core/route.ts';
import { routes } from '#packages/api/routes/index.ts';
import { functionByRouteKey, httpFunctions } from '#infra/http-layout.ts';
import { simulate, type SimResult } from '../lib/cold-start/simulate.ts';
import { diurnal, popularity, syntheticTraffic } from '../lib/cold-start/traffic.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection } from '../lib/section.ts';
import { renderColdStarts } from './cold-starts-render.ts';

export const layoutNames = ['per route', 'per feature', 'as built'] as const;
export type LayoutName = (typeof layoutNames)[number];

export interface ColdStartCell {
  functions: number;
  requests: number;
  cold: number;
  /** percent */
  coldPercent: number;
  maxInstances: number;
}

export interface ColdStartsData {
  model: {
    seed: number;
    days: number;
    initMs: number;
    volumesPerDay: number[];
    evictionMinutes: number[];
    diurnal: typeof diurnal;
    popularity: typeof popularity;
    concurrency: string;
  };
  goal: { layout: LayoutName; perDay: number; evictionMinutes: number; maxColdPercent: number };
  rows: { perDay: number; evictionMinutes: number; byClass: Record<string, number>; layouts: Record<LayoutName, ColdStartCell> }[];
  /** The layout as built at the goal's volume and eviction: cold starts by function. */
  breakdown: { function: string; requests: number; cold: number; coldPercent: number; maxInstances: number }[];
}

const percent = (share: number) => Math.round(share * 10_000) / 100;
const cell = (result: SimResult, functions: number): ColdStartCell => ({
  functions,
  requests: result.requests,
  cold: result.cold,
  coldPercent: percent(result.coldShare),
  maxInstances: result.maxInstances,
});

export const coldStartsSection: BenchSection<ColdStartsData> = {
  name: 'cold-starts',
  title: 'Cold starts: a synthetic day of tenant traffic against one function per route, per feature, and as built',
  async run() {
    const seed = intFromEnv('BENCH_COLD_START_SEED', 42, 0);
    const days = intFromEnv('BENCH_COLD_START_DAYS', 7);
    const initMs = 600;
    const volumes = [1_000, 10_000, 100_000];
    const evictions = [5, 15];
    const goal = { layout: 'as built' as const, perDay: 10_000, evictionMinutes: 15, maxColdPercent: 3 };

    const layouts: Record<LayoutName, Map<string, string>> = {
      'per route': new Map(routes.map((r) => [routeKey(r), routeKey(r)])),
      'per feature': functionByRouteKey(httpFunctions(routes, { ownFunctions: false })),
      'as built': functionByRouteKey(httpFunctions(routes)),
    };
    const functionCount = (layout: Map<string, string>) => new Set(layout.values()).size;

    const rows: ColdStartsData['rows'] = [];
    let breakdown: ColdStartsData['breakdown'] = [];
    for (const perDay of volumes) {
      const traffic = syntheticTraffic(routes, perDay, days, seed);
      const byClass = Object.fromEntries(Object.entries(traffic.byClass).map(([c, n]) => [c, Math.round(n / days)]));
      for (const evictionMinutes of evictions) {
        const options = { evictionMs: evictionMinutes * 60_000, initMs };
        const results = Object.fromEntries(
          layoutNames.map((name) => [name, simulate(traffic.requests, layouts[name], options)] as const),
        ) as Record<LayoutName, SimResult>;
        rows.push({
          perDay,
          evictionMinutes,
          byClass,
          layouts: Object.fromEntries(layoutNames.map((name) => [name, cell(results[name], functionCount(layouts[name]))])) as Record<
            LayoutName,
            ColdStartCell
          >,
        });
        progress(
          `cold-starts: ${perDay.toLocaleString('en-US')}/day, eviction ${evictionMinutes} min: ` +
            layoutNames.map((name) => `${name} ${percent(results[name].coldShare)} %`).join(', '),
        );
        if (perDay === goal.perDay && evictionMinutes === goal.evictionMinutes) {
          breakdown = Object.entries(results[goal.layout].byFunction)
            .map(([fn, s]) => ({ function: fn, requests: s.requests, cold: s.cold, coldPercent: percent(s.cold / s.requests), maxInstances: s.maxInstances }))
            .sort((a, b) => b.cold - a.cold);
        }
      }
    }
    const atGoal = rows.find((r) => r.perDay === goal.perDay && r.evictionMinutes === goal.evictionMinutes)!;
    return {
      data: {
        model: {
          seed,
          days,
          initMs,
          volumesPerDay: volumes,
          evictionMinutes: evictions,
          diurnal,
          popularity,
          concurrency:
            'one request per instance at a time; a request takes the most recently used idle warm instance, else starts a new one (cold); an instance idle longer than the eviction time is gone',
        },
        goal,
        rows,
        breakdown,
      },
      targetsMet: atGoal.layouts[goal.layout].coldPercent <= goal.maxColdPercent,
      errors: [],
    };
  },
  render: renderColdStarts,
};
