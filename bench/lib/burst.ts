import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Cleanup } from './cleanup.ts';
import { describeExit, runChild } from './spawn.ts';
import type { BurstConfig, BurstOutput } from './burst-types.ts';

const client = fileURLToPath(new URL('./burst-client.ts', import.meta.url));

/** Runs one burst of HTTP requests from a separate Node process (bench/lib/burst-client.ts) and returns its timings. */
export async function runBurst(ctx: { root: string; tmpDir: string; cleanup: Cleanup }, name: string, config: BurstConfig): Promise<BurstOutput> {
  const file = join(ctx.tmpDir, `burst-${name}.json`);
  writeFileSync(file, JSON.stringify(config));
  const finished = await runChild(ctx.cleanup, process.execPath, ['--import', 'tsx', client, file], { cwd: ctx.root });
  if (finished.code !== 0) throw new Error(`${name} burst client ${describeExit(finished)}`);
  try {
    return JSON.parse(finished.stdout) as BurstOutput;
  } catch {
    throw new Error(`${name} burst client printed no JSON: ${finished.stdout.slice(0, 200)}`);
  }
}
