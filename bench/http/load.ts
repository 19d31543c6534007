import { fileURLToPath } from 'node:url';
import type { Cleanup } from '../lib/cleanup.ts';
import { describeExit, runChild } from '../lib/spawn.ts';
import type { LoadConfig, LoadFigures } from './load-types.ts';

const client = fileURLToPath(new URL('./load-client.ts', import.meta.url));

/** Runs autocannon in a separate Node process (tsx loader) and returns its figures. */
export async function runLoad(cleanup: Cleanup, root: string, config: LoadConfig): Promise<LoadFigures> {
  const finished = await runChild(cleanup, process.execPath, ['--import', 'tsx', client, JSON.stringify(config)], { cwd: root });
  if (finished.code !== 0) throw new Error(`load client for ${config.title} ${describeExit(finished)}`);
  try {
    return JSON.parse(finished.stdout) as LoadFigures;
  } catch {
    throw new Error(`load client for ${config.title} printed no JSON: ${finished.stdout.slice(0, 200)}`);
  }
}
