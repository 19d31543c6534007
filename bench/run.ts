/**
 * `npm run bench [-- section ...]`: runs the sections in bench/sections/,
 * writes bench/results.json and bench/RESULTS.md. Exits non-zero only when
 * something crashed; missed targets are reported in the output instead.
 */
import './lib/quiet-logs.ts';
import { mkdirSync } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Cleanup } from './lib/cleanup.ts';
import { gitCommit, machine } from './lib/machine.ts';
import { progress } from './lib/progress.ts';
import { previousSections, writeResults, type BenchResults } from './lib/report.ts';
import type { BenchSection, SectionContext, SectionResult } from './lib/section.ts';
import { sections } from './sections/index.ts';

const benchDir = fileURLToPath(new URL('.', import.meta.url));
const root = join(benchDir, '..');
const cleanup = new Cleanup();
const load1m = () => Math.round((loadavg()[0] ?? 0) * 100) / 100;

async function stopAndExit(code: number): Promise<never> {
  await cleanup.runAll();
  process.exit(code);
}

for (const [signal, code] of [['SIGINT', 130], ['SIGTERM', 143]] as const) {
  process.once(signal, () => {
    progress(`${signal}: stopping children and DynamoDB Local`);
    void stopAndExit(code);
  });
}
for (const event of ['unhandledRejection', 'uncaughtException'] as const) {
  process.on(event, (error: unknown) => {
    progress(`crashed: ${(error as Error)?.stack ?? String(error)}`);
    void stopAndExit(1);
  });
}

function selected(names: string[]): BenchSection<unknown>[] {
  if (names.length === 0) return sections;
  const unknown = names.filter((n) => !sections.some((s) => s.name === n));
  if (unknown.length) {
    progress(`unknown section(s): ${unknown.join(', ')}; known: ${sections.map((s) => s.name).join(', ')}`);
    process.exit(2);
  }
  return sections.filter((s) => names.includes(s.name));
}

async function runSection(section: BenchSection<unknown>, ctx: SectionContext): Promise<SectionResult<unknown | null>> {
  const ranAt = new Date().toISOString();
  const started = performance.now();
  const loadStart = load1m();
  if (loadStart > cpus().length) progress(`load average ${loadStart} on ${cpus().length} cores: figures will be noisy`);
  progress(`== ${section.name}: ${section.title}`);
  const finish = () => ({
    title: section.title,
    ranAt,
    durationMs: Math.round(performance.now() - started),
    loadAverage: { start: loadStart, end: load1m() },
  });
  try {
    const outcome = await section.run(ctx);
    return { ...finish(), ...outcome };
  } catch (error) {
    progress(`${section.name} crashed: ${(error as Error).stack ?? String(error)}`);
    return { ...finish(), data: null, targetsMet: false, errors: [(error as Error).message] };
  }
}

async function main(): Promise<number> {
  const started = performance.now();
  const names = process.argv.slice(2);
  const toRun = selected(names);
  const tmpDir = join(root, '.bench-tmp');
  mkdirSync(tmpDir, { recursive: true });
  const jsonPath = join(benchDir, 'results.json');

  const results: BenchResults = {
    generatedAt: new Date().toISOString(),
    command: ['npm run bench', ...(names.length ? ['--', ...names] : [])].join(' '),
    durationMs: 0,
    machine: machine(),
    gitCommit: gitCommit(root),
    sections: names.length ? previousSections(jsonPath) : {},
  };
  for (const section of toRun) {
    results.sections[section.name] = await runSection(section, { root, tmpDir, cleanup });
    // Interrupted: the signal handler exits; half-run figures must not overwrite the last results.
    if (cleanup.stopping) return new Promise<never>(() => {});
  }
  await cleanup.runAll();
  results.durationMs = Math.round(performance.now() - started);
  writeResults(jsonPath, join(benchDir, 'RESULTS.md'), results, sections);

  const errors = toRun.flatMap((s) => results.sections[s.name]?.errors ?? []);
  const missed = toRun.filter((s) => results.sections[s.name]?.data && !results.sections[s.name]?.targetsMet).map((s) => s.name);
  progress(`done in ${(results.durationMs / 1000).toFixed(1)} s; wrote bench/results.json and bench/RESULTS.md`);
  if (missed.length) progress(`targets missed in: ${missed.join(', ')} (see bench/RESULTS.md)`);
  if (errors.length) progress(`${errors.length} error(s):\n  ${errors.join('\n  ')}`);
  return errors.length ? 1 : 0;
}

main().then(
  (code) => stopAndExit(code),
  (error: unknown) => {
    progress(`crashed: ${(error as Error)?.stack ?? String(error)}`);
    return stopAndExit(1);
  },
);
