/**
 * Runs in its own Node process (as bench/orders/race-client.ts) so the
 * scanners' event loop is not the server's: one POST
 * /v1/events/{id}/check-ins per code, `concurrency` scanners in flight.
 * Reads its ScanConfig from the JSON file named in argv; prints ScanOutput.
 */
import { readFileSync } from 'node:fs';
import type { ScanConfig, ScanOutput, ScanSample } from './types.ts';

const config = JSON.parse(readFileSync(process.argv[2]!, 'utf8')) as ScanConfig;
const url = `${config.apiUrl}/v1/events/${config.eventId}/check-ins`;

async function scan(i: number): Promise<ScanSample> {
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${config.token}` },
      body: JSON.stringify({ code: config.codes[i], deviceId: `scanner-${i % config.concurrency}` }),
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status < 300) return [res.status, null, ms];
    let code: string | null = null;
    try {
      code = (JSON.parse(text) as { code?: string }).code ?? null;
    } catch {
      // not problem+json
    }
    return [res.status, code, ms];
  } catch (error) {
    return [0, (error as { cause?: { code?: string } }).cause?.code ?? (error as Error).name, performance.now() - started];
  }
}

// Open the scanners' connections before the clock starts, as the floor warms its own:
// otherwise the first requests time this process's start-up and 100 TCP handshakes.
await Promise.all(
  Array.from({ length: Math.min(config.concurrency, config.codes.length) }, async () => {
    const res = await fetch(`${config.apiUrl}/health`);
    await res.text();
  }),
);

const samples: ScanSample[] = new Array(config.codes.length);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(config.concurrency, config.codes.length) }, async () => {
    while (next < config.codes.length) {
      const i = next++;
      samples[i] = await scan(i);
    }
  }),
);
const output: ScanOutput = { wallMs: performance.now() - started, samples };
process.stdout.write(JSON.stringify(output));
