import { createFixtures, type Fixtures } from '../http/fixtures.ts';
import { runLoad } from '../http/load.ts';
import type { LoadFigures } from '../http/load-types.ts';
import { scenarios, type Scenario } from '../http/scenarios.ts';
import { startBenchStack } from '../http/stack.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import type { BenchSection, SectionContext } from '../lib/section.ts';
import { renderHttpLatency } from './http-latency-render.ts';

export interface ScenarioResult {
  name: string;
  route: string;
  figures: LoadFigures | null;
  /** Some requests completed, none non-2xx, errored or timed out. */
  clean: boolean | null;
  error?: string;
}

export interface HttpLatencyData {
  method: { client: string; server: string; connections: number; durationSeconds: number; warmupSeconds: number };
  /** No latency targets are set yet; figures are for comparing runs. */
  targets: null;
  scenarios: ScenarioResult[];
}

/** One request first, so a broken endpoint fails loudly instead of benchmarking errors. */
async function smoke(apiUrl: string, token: string, scenario: Scenario, fixtures: Fixtures): Promise<void> {
  const body = scenario.body?.replaceAll('{{seq}}', `smoke-${Date.now().toString(36)}`);
  const res = await fetch(`${apiUrl}${scenario.path(fixtures)}`, {
    method: scenario.method,
    headers: { authorization: `Bearer ${token}`, ...(body ? { 'content-type': 'application/json' } : {}) },
    body,
  });
  const text = await res.text();
  if (res.status >= 300) throw new Error(`smoke request answered ${res.status}: ${text.slice(0, 300)}`);
}

interface Target {
  apiUrl: string;
  token: string;
  fixtures: Fixtures;
}

async function runScenario(ctx: SectionContext, method: HttpLatencyData['method'], target: Target, s: Scenario) {
  const { apiUrl, token, fixtures } = target;
  const result: ScenarioResult = { name: s.name, route: s.route, figures: null, clean: null };
  try {
    await smoke(apiUrl, token, s, fixtures);
    const { connections, durationSeconds, warmupSeconds } = method;
    progress(`http: ${s.route} — ${warmupSeconds}s warm-up + ${durationSeconds}s at ${connections} connections`);
    result.figures = await runLoad(ctx.cleanup, ctx.root, {
      title: s.name,
      url: `${apiUrl}${s.path(fixtures)}`,
      method: s.method,
      headers: { authorization: `Bearer ${token}`, ...(s.body ? { 'content-type': 'application/json' } : {}) },
      body: s.body,
      uniqueBody: s.uniqueBody,
      connections,
      durationSeconds,
      warmupSeconds,
    });
    const f = result.figures;
    result.clean = f.totalRequests > 0 && f.non2xx === 0 && f.errors === 0 && f.timeouts === 0;
    progress(
      `  p50 ${f.latencyMs.p50} ms, p99 ${f.latencyMs.p99} ms, ${f.requestsPerSecond.average} req/s, ` +
        `non-2xx ${f.non2xx}, errors ${f.errors}`,
    );
  } catch (error) {
    result.error = (error as Error).message;
    progress(`  ERROR ${result.error}`);
  }
  return result;
}

export const httpLatencySection: BenchSection<HttpLatencyData> = {
  name: 'http',
  title: 'HTTP latency (local stack)',
  async run(ctx) {
    const data: HttpLatencyData = {
      method: {
        client: 'autocannon (programmatic API) in a separate Node process',
        server: 'local stack in the bench process: real handlers via tsx, DynamoDB Local in memory (Java), local bus and scheduler',
        connections: intFromEnv('BENCH_CONNECTIONS', 50),
        durationSeconds: intFromEnv('BENCH_DURATION', 10),
        warmupSeconds: intFromEnv('BENCH_WARMUP', 3, 0),
      },
      targets: null,
      scenarios: [],
    };
    progress('http: starting the local stack (DynamoDB Local in memory)');
    const { stack, stop } = await startBenchStack(ctx.cleanup);
    try {
      const token = await stack.token('admin', 'bench-admin');
      const fixtures = await createFixtures(stack.apiUrl, token);
      for (const s of scenarios) {
        if (ctx.cleanup.stopping) break;
        data.scenarios.push(await runScenario(ctx, data.method, { apiUrl: stack.apiUrl, token, fixtures }, s));
      }
    } finally {
      progress('http: stopping the local stack');
      await stop();
    }
    return {
      data,
      targetsMet: true,
      errors: data.scenarios.filter((s) => s.error).map((s) => `${s.route}: ${s.error}`),
    };
  },
  render: renderHttpLatency,
};
