/**
 * Runs in its own Node process (as bench/check-ins/scan-client.ts): one POST
 * per path, `concurrency` attendees in flight, each on its own keep-alive
 * socket opened before the clock starts. Prints RegisterOutput.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { RegisterConfig, RegisterOutput, RegisterSample } from './types.ts';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as RegisterConfig;
const clients = Math.min(config.concurrency, config.paths.length);
const agent = new Agent({ keepAlive: true, maxSockets: clients });

function call(method: string, url: URL): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(url, { method, agent }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
      res.on('error', reject);
    });
    req.on('error', reject);
    req.end();
  });
}

async function register(i: number): Promise<RegisterSample> {
  const started = performance.now();
  try {
    const res = await call('POST', new URL(`${config.apiUrl}${config.paths[i]}`));
    const ms = performance.now() - started;
    let outcome: string | null = null;
    try {
      const body = JSON.parse(res.text) as { state?: string; code?: string };
      outcome = body.state ?? body.code ?? null;
    } catch {
      // not JSON
    }
    return [res.status, outcome, ms];
  } catch (error) {
    return [0, (error as { code?: string }).code ?? (error as Error).name, performance.now() - started];
  }
}

await Promise.all(Array.from({ length: clients }, () => call('GET', new URL(`${config.apiUrl}/health`))));
const samples: RegisterSample[] = new Array(config.paths.length);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: clients }, async () => {
    while (next < config.paths.length) {
      const i = next++;
      samples[i] = await register(i);
    }
  }),
);
const output: RegisterOutput = { wallMs: performance.now() - started, samples };
agent.destroy();
process.stdout.write(JSON.stringify(output));
