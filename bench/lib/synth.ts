import { execFileSync } from 'node:child_process';
import { existsSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import type { Cleanup } from './cleanup.ts';
import { describeExit, runChild } from './spawn.ts';

export interface SynthRun {
  command: string;
  wallMs: number;
  /** CPU time of synth and every process under it (user + system): unlike wall time, it does not grow with others' load. */
  cpuSeconds: number | null;
  cores: number;
  /** os.loadavg() 1-minute figure: before, after, and sampled every 2 s while synth ran. */
  loadAverage: { before: number; after: number; mean: number; max: number };
  stack: string;
  templates: number;
  resources: number;
  functions: number;
  /** Bundled Lambda assets (asset.<hash>/index.mjs): identical bundles share one. */
  assets: { count: number; maxBytes: number; totalBytes: number };
}

const round2 = (n: number) => Math.round(n * 100) / 100;

/** User + system CPU seconds of this process's waited-for descendants (Linux /proc), or null elsewhere. */
function childrenCpuSeconds(): number | null {
  try {
    const stat = readFileSync('/proc/self/stat', 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    // After the command name: state is field 3, so cutime (16) and cstime (17) are at 13 and 14 here.
    const ticks = Number(fields[13]) + Number(fields[14]);
    const hz = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
    return ticks / hz;
  } catch {
    return null;
  }
}

/** Counts what one tenant's synthesized stack and its nested stacks hold. */
export function countTemplates(outdir: string, stackName: string) {
  const flat = stackName.replace(/[^A-Za-z0-9]/g, '');
  const files = readdirSync(outdir).filter(
    (f) => f === `${stackName}.template.json` || (f.startsWith(flat) && f.endsWith('.nested.template.json')),
  );
  let resources = 0;
  let functions = 0;
  for (const file of files) {
    const template = JSON.parse(readFileSync(join(outdir, file), 'utf8')) as { Resources?: Record<string, { Type: string }> };
    for (const resource of Object.values(template.Resources ?? {})) {
      resources++;
      if (resource.Type === 'AWS::Lambda::Function') functions++;
    }
  }
  const bundles = readdirSync(outdir)
    .filter((d) => d.startsWith('asset.') && existsSync(join(outdir, d, 'index.mjs')))
    .map((d) => statSync(join(outdir, d, 'index.mjs')).size);
  return {
    templates: files.length,
    resources,
    functions,
    assets: { count: bundles.length, maxBytes: Math.max(0, ...bundles), totalBytes: bundles.reduce((a, b) => a + b, 0) },
  };
}

/**
 * The operator's command, bundling included: `npx cdk synth -c tenant=<t>`
 * (cdk.json's app, cdk-nag, CloudFormation validation, one esbuild per
 * function) into a fresh output folder, timed from spawn to exit.
 */
export async function timeCdkSynth(cleanup: Cleanup, root: string, outdir: string, tenant: string): Promise<SynthRun> {
  rmSync(outdir, { recursive: true, force: true });
  const args = ['cdk', 'synth', '-c', `tenant=${tenant}`, '--output', outdir, '--quiet'];
  const samples: number[] = [];
  const before = loadavg()[0] ?? 0;
  const sampler = setInterval(() => samples.push(loadavg()[0] ?? 0), 2000);
  const cpuBefore = childrenCpuSeconds();
  const started = performance.now();
  let finished;
  try {
    finished = await runChild(cleanup, 'npx', args, { cwd: root, env: { ...process.env, CDK_DISABLE_VERSION_CHECK: '1' } });
  } finally {
    clearInterval(sampler);
  }
  const wallMs = Math.round(performance.now() - started);
  const cpuAfter = childrenCpuSeconds();
  if (finished.code !== 0) throw new Error(`npx ${args.join(' ')} ${describeExit(finished)}`);
  const after = loadavg()[0] ?? 0;
  const all = [before, ...samples, after];
  const stack = `EventOS-${tenant}`;
  return {
    command: `npx ${args.slice(0, 4).join(' ')}`,
    wallMs,
    cpuSeconds: cpuBefore === null || cpuAfter === null ? null : round2(cpuAfter - cpuBefore),
    cores: cpus().length,
    loadAverage: {
      before: round2(before),
      after: round2(after),
      mean: round2(all.reduce((a, b) => a + b, 0) / all.length),
      max: round2(Math.max(...all)),
    },
    stack,
    ...countTemplates(outdir, stack),
  };
}
