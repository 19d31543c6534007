/**
 * Runs in its own Node process so the clients' event loop is not the
 * server's: sends each request of a BurstConfig (a JSON file named in argv)
 * once, `concurrency` in flight, and prints BurstOutput as JSON.
 *
 * The method of bench/check-ins/scan-client.ts, for any request: one
 * keep-alive socket per concurrent client (node:http Agent, maxSockets =
 * concurrency), all opened before the clock starts. `fetch`'s pool can
 * instead queue several requests on one new connection, which then run one
 * after another and time that queue, and the first requests would time the
 * TCP handshakes and this process's start-up.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { BurstConfig, BurstOutput, BurstSample } from './burst-types.ts';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as BurstConfig;
const clients = Math.min(config.concurrency, config.requests.length);
const agent = new Agent({ keepAlive: true, maxSockets: clients });

function send(method: string, url: URL, headers: Record<string, string>, body: string | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent, headers }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

// Built before the clock starts: only the round trips are timed.
const prepared = config.requests.map((r) => ({
  method: r.method,
  url: new URL(`${config.apiUrl}${r.path}`),
  body: r.body === undefined ? null : JSON.stringify(r.body),
  headers: {
    ...(config.token ? { authorization: `Bearer ${config.token}` } : {}),
    ...(r.body === undefined ? {} : { 'content-type': 'application/json' }),
    ...r.headers,
  },
}));

async function one(i: number): Promise<BurstSample> {
  const r = prepared[i]!;
  const started = performance.now();
  try {
    const res = await send(r.method, r.url, r.headers, r.body);
    const ms = performance.now() - started;
    if (res.status < 300) return [res.status, null, ms, null];
    let problem: { code?: string; detail?: string } = {};
    try {
      problem = JSON.parse(res.text) as typeof problem;
    } catch {
      // not problem+json
    }
    return [res.status, problem.code ?? null, ms, problem.detail?.slice(0, 200) ?? null];
  } catch (error) {
    return [0, (error as { code?: string }).code ?? (error as Error).name, performance.now() - started, (error as Error).message.slice(0, 200)];
  }
}

// Open every client's socket before the clock starts (a cheap GET each, all at once so each takes its own socket).
const health = new URL(`${config.apiUrl}/health`);
await Promise.all(Array.from({ length: clients }, () => send('GET', health, {}, null)));

const samples: BurstSample[] = new Array(prepared.length);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < prepared.length) {
      const i = next++;
      samples[i] = await one(i);
    }
  }),
);
const output: BurstOutput = { wallMs: performance.now() - started, samples };
agent.destroy();
process.stdout.write(JSON.stringify(output));
