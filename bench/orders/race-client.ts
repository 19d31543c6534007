/**
 * Runs in its own Node process (see race.ts) so the buyers' event loop is not
 * the server's: N buyers, each one POST /v1/events/{id}/orders for one
 * ticket, at most `concurrency` in flight. Prints RaceOutput as JSON.
 */
import { randomUUID } from 'node:crypto';
import type { RaceConfig, RaceOutput, RaceSample } from './race-types.ts';

const config = JSON.parse(process.argv[2] ?? '') as RaceConfig;
const runTag = `${Date.now().toString(36)}-${process.pid}`;
const url = `${config.apiUrl}/v1/events/${config.eventId}/orders`;

async function buy(i: number): Promise<RaceSample> {
  const body = JSON.stringify({
    buyer: { email: `race-${runTag}-${i}@example.com`, firstName: 'Race', lastName: `Buyer ${i}` },
    items: [{ ticketTypeId: config.ticketTypeId, quantity: 1 }],
  });
  const started = performance.now();
  try {
    const res = await fetch(url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(config.idempotencyKey ? { 'idempotency-key': randomUUID() } : {}) },
      body,
    });
    const text = await res.text();
    const ms = performance.now() - started;
    if (res.status === 201) return [201, null, ms, null];
    let problem: { code?: string; detail?: string } = {};
    try {
      problem = JSON.parse(text) as typeof problem;
    } catch {
      // not a problem+json body
    }
    return [res.status, problem.code ?? null, ms, problem.detail?.slice(0, 200) ?? null];
  } catch (error) {
    const cause = (error as { cause?: { code?: string } }).cause?.code;
    return [0, cause ?? (error as Error).name, performance.now() - started, (error as Error).message.slice(0, 200)];
  }
}

const samples: RaceSample[] = new Array(config.buyers);
let next = 0;
const started = performance.now();
await Promise.all(
  Array.from({ length: Math.min(config.concurrency, config.buyers) }, async () => {
    while (next < config.buyers) {
      const i = next++;
      samples[i] = await buy(i);
    }
  }),
);
const output: RaceOutput = { wallMs: performance.now() - started, samples };
process.stdout.write(JSON.stringify(output));
