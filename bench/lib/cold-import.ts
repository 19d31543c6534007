import { pathToFileURL } from 'node:url';
import type { Cleanup } from './cleanup.ts';
import { describeExit, runChild } from './spawn.ts';
import { summarize, type Summary } from './stats.ts';

/**
 * Times the import, the part of a cold start the bundle controls, and, when
 * given, the first load a request adds (`then`, an expression on the module `m`,
 * e.g. `m.handler.routes["GET /v1/x"]()`: a dispatcher's route chunk).
 */
const probeOf = (then?: string) =>
  `const t = performance.now(); const m = await import(process.argv[1]); ${then ? `await ${then};` : ''} process.stdout.write(String(performance.now() - t));`;

/**
 * What a Lambda's module scope needs to load without throwing. Built from
 * scratch (not inherited) so NODE_OPTIONS, tsx loaders or a compile cache
 * from the parent cannot skew the timing.
 */
export function lambdaLikeEnv(): NodeJS.ProcessEnv {
  return {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    TABLE_NAME: 'bench',
    EVENT_BUS_NAME: 'bench',
    MAIL_FROM: 'bench@eventos.invalid',
    AWS_REGION: 'eu-west-1',
    AWS_ACCESS_KEY_ID: 'bench',
    AWS_SECRET_ACCESS_KEY: 'bench',
    POWERTOOLS_LOG_LEVEL: 'SILENT',
    // Set by the Lambda runtime in every function (Powertools and the SDK read it).
    AWS_LAMBDA_FUNCTION_NAME: 'bench',
  };
}

async function importOnce(cleanup: Cleanup, bundle: string, then?: string): Promise<number> {
  const finished = await runChild(cleanup, process.execPath, ['--input-type=module', '-e', probeOf(then), pathToFileURL(bundle).href], {
    env: lambdaLikeEnv(),
  });
  const ms = Number(finished.stdout);
  if (finished.code !== 0 || !Number.isFinite(ms)) throw new Error(`importing ${bundle} ${describeExit(finished)}`);
  return ms;
}

export interface PairedColdImport {
  reference: Summary;
  bundle: Summary;
  /** bundle ÷ reference, one ratio per pair (each pair timed back to back, so under the same load). */
  ratio: Summary;
}

/**
 * Cold imports of the reference and of a bundle alternately (A B A B …), so a
 * change of load on the machine hits both sides of each ratio alike.
 * Sequential fresh processes (2 cores: parallel runs would time each other);
 * no discarded warm-up: esbuild just wrote the files, so they are in the OS
 * page cache already, as on a Lambda host that just unpacked the zip.
 */
export async function pairedColdImport(cleanup: Cleanup, reference: string, bundle: string, runs: number, then?: string): Promise<PairedColdImport> {
  const a: number[] = [];
  const b: number[] = [];
  const ratios: number[] = [];
  for (let i = 0; i < runs; i++) {
    const ref = await importOnce(cleanup, reference);
    const own = await importOnce(cleanup, bundle, then);
    a.push(ref);
    b.push(own);
    ratios.push(own / ref);
  }
  const ratio = summarize(ratios.map((r) => r * 1000));
  const scale = (n: number) => Math.round(n) / 1000;
  return {
    reference: summarize(a),
    bundle: summarize(b),
    ratio: { median: scale(ratio.median), p90: scale(ratio.p90), min: scale(ratio.min), max: scale(ratio.max), runs: ratio.runs },
  };
}

/**
 * What a bundle left for its first call: in fresh processes, import the
 * bundle (untimed), then time `firstCall` (an expression on the module `m`,
 * e.g. `m.db()`), and once more to show the second call is free. Work a
 * bundle defers out of its import lands here, in one first request.
 */
export async function firstCallTimes(cleanup: Cleanup, bundle: string, firstCall: string, runs: number): Promise<{ first: Summary; second: Summary }> {
  const probe = `const m = await import(process.argv[1]); let t = performance.now(); ${firstCall}; const first = performance.now() - t; t = performance.now(); ${firstCall}; process.stdout.write(JSON.stringify([first, performance.now() - t]));`;
  const first: number[] = [];
  const second: number[] = [];
  for (let i = 0; i < runs; i++) {
    const finished = await runChild(cleanup, process.execPath, ['--input-type=module', '-e', probe, pathToFileURL(bundle).href], { env: lambdaLikeEnv() });
    if (finished.code !== 0) throw new Error(`first call of ${bundle} ${describeExit(finished)}`);
    const [a, b] = JSON.parse(finished.stdout) as [number, number];
    first.push(a);
    second.push(b);
  }
  return { first: summarize(first), second: summarize(second) };
}
