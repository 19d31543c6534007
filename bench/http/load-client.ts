/**
 * Runs in its own Node process (see load.ts), so autocannon's event loop does
 * not share a thread with the server it measures. Prints LoadFigures as JSON.
 */
import autocannon, { type RequestStep, type Result } from 'autocannon';
import type { LoadConfig, LoadFigures } from './load-types.ts';

const config = JSON.parse(process.argv[2] ?? '') as LoadConfig;

// Unique across runs and processes: the POST /v1/contacts bench must not hit 409s.
const runTag = `${Date.now().toString(36)}-${process.pid}`;
let seq = 0;
const nextBody = (template: string) => template.replaceAll('{{seq}}', `${runTag}-${++seq}`);

const figures = (r: Result): LoadFigures => ({
  latencyMs: { p50: r.latency.p50, p90: r.latency.p90, p99: r.latency.p99, average: r.latency.average, max: r.latency.max },
  requestsPerSecond: { average: r.requests.average, stddev: r.requests.stddev, min: r.requests.min },
  totalRequests: r.requests.total,
  twoXx: r['2xx'],
  non2xx: r.non2xx,
  errors: r.errors,
  timeouts: r.timeouts,
  statusCodes: Object.fromEntries(Object.entries(r.statusCodeStats).map(([code, s]) => [code, s.count])),
  durationSeconds: r.duration,
});

const template = config.body;
// A setupRequest makes autocannon rebuild every request, so only when bodies must differ.
// Fresh per run: autocannon mutates the request objects it is given, breaking a second run.
const step = (): RequestStep =>
  template !== undefined && config.uniqueBody ? { setupRequest: (request) => ({ ...request, body: nextBody(template) }) } : {};
const run = (duration: number) =>
  autocannon({
    url: config.url,
    title: config.title,
    connections: config.connections,
    duration,
    method: config.method,
    headers: { ...config.headers },
    body: config.uniqueBody ? undefined : template,
    requests: [step()],
  });

// A separate run, not autocannon's `warmup` option: that one reuses (and so breaks) the request objects.
if (config.warmupSeconds > 0) await run(config.warmupSeconds);
const result = await run(config.durationSeconds);
process.stdout.write(JSON.stringify(figures(result)));
