/**
 * Runs in its own Node process (as bench/orders/race-client.ts) so the
 * scanners' event loop is not the server's: one POST
 * /v1/events/{id}/check-ins per code, `concurrency` scanners in flight.
 * Reads its ScanConfig from the JSON file named in argv; prints ScanOutput.
 */
import { readFileSync } from 'node:fs';
import { Agent, request } from 'node:http';
import type { ScanConfig, ScanOutput, ScanSample } from './types.ts';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ScanConfig;
const scanners = Math.min(config.concurrency, config.codes.length);
const scanUrl = new URL(`${config.apiUrl}/v1/events/${config.eventId}/check-ins`);
// One keep-alive socket per scanner, like a gate's device. The agent queues a
// request until any socket is free; fetch's pool can instead queue several on
// one new connection, which then run one after another and time that queue.
const agent = new Agent({ keepAlive: true, maxSockets: scanners });

function post(url: URL, body: string | null): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      {
        method: body === null ? 'GET' : 'POST',
        agent,
        headers: body === null ? {} : { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body ?? undefined);
  });
}

async function scan(i: number): Promise<ScanSample> {
  const started = performance.now();
  try {
    const res = await post(scanUrl, JSON.stringify({ code: config.codes[i], deviceId: `scanner-${i % config.concurrency}` }));
    const ms = performance.now() - started;
    if (res.status < 300) return [res.status, null, ms];
    let code: string | null = null;
    try {
      code = (JSON.parse(res.text) as { code?: string }).code ?? null;
    } catch {
      // not problem+json
    }
    return [res.status, code, ms];
  } catch (error) {
    return [0, (error as { code?: string }).code ?? (error as Error).name, performance.now() - started];
  }
}

// Open the scanners' sockets before the clock starts, as the floor warms its own:
// otherwise the first requests time this process's start-up and the TCP handshakes.
await Promise.all(Array.from({ length: scanners }, () => post(new URL(`${config.apiUrl}/health`), null)));

const samples: ScanSample[] = new Array(config.codes.length);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: scanners }, async () => {
    while (next < config.codes.length) {
      const i = next++;
      samples[i] = await scan(i);
    }
  }),
);
const output: ScanOutput = { wallMs: performance.now() - started, samples };
agent.destroy();
process.stdout.write(JSON.stringify(output));
