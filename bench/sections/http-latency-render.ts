import { table, type Cell } from '../lib/markdown.ts';
import type { HttpLatencyData, ScenarioResult } from './http-latency.ts';

const fixed = (n: number | undefined, digits = 1) => (n === undefined ? undefined : n.toFixed(digits));

function row(s: ScenarioResult): Cell[] {
  const f = s.figures;
  return [
    `\`${s.route}\``,
    f?.latencyMs.p50,
    f?.latencyMs.p90,
    f?.latencyMs.p99,
    fixed(f?.latencyMs.average, 2),
    fixed(f?.requestsPerSecond.average),
    f?.totalRequests.toLocaleString('en-US'),
    f?.non2xx,
    f ? f.errors + f.timeouts : undefined,
    status(s),
  ];
}

function status(s: ScenarioResult): string {
  if (s.error) return `**ERROR**: ${s.error}`;
  if (s.clean) return 'clean';
  if (!s.figures?.totalRequests) return '**no request completed in time**';
  return `**${Object.entries(s.figures.statusCodes).map(([code, n]) => `${n}×${code}`).join(', ')}**`;
}

export function renderHttpLatency(data: HttpLatencyData): string {
  const m = data.method;
  return [
    `${m.connections} connections, ${m.warmupSeconds} s warm-up then ${m.durationSeconds} s measured per scenario. ` +
      `Client: ${m.client}. Server: ${m.server}. No latency targets yet: compare runs on the same machine, ` +
      'not with API Gateway + Lambda in AWS.',
    '',
    table(
      ['Scenario', 'p50 (ms)', 'p90 (ms)', 'p99 (ms)', 'avg (ms)', 'req/s (avg)', 'Requests', 'Non-2xx', 'Errors + timeouts', 'Status'],
      data.scenarios.map(row),
      ['l', 'r', 'r', 'r', 'r', 'r', 'r', 'r', 'r'],
    ),
  ].join('\n');
}
