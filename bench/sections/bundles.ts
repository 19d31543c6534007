import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, join, relative } from 'node:path';
import { version as esbuildVersion } from 'esbuild';
import { bundleLambda, type Contributor } from '../lib/bundle.ts';
import { coldImport } from '../lib/cold-import.ts';
import { lambdaEntries, type LambdaKind } from '../lib/entries.ts';
import { intFromEnv } from '../lib/env.ts';
import { progress } from '../lib/progress.ts';
import { writeReferenceEntry } from '../lib/reference-entry.ts';
import type { BenchSection, SectionContext } from '../lib/section.ts';
import type { Summary } from '../lib/stats.ts';
import { renderBundles } from './bundles-render.ts';

export interface BundleRow {
  kind: LambdaKind | 'reference';
  name: string;
  entry: string;
  triggers: string[];
  bytes: number | null;
  coldImportMs: Summary | null;
  topContributors: Contributor[];
  /** null: no target applies (only HTTP functions have targets) or it was not measured. */
  pass: { size: boolean | null; coldImport: boolean | null; overall: boolean | null };
  error?: string;
}

export interface BundlesData {
  targets: { appliesTo: 'http'; maxBytes: number; maxBytesUnit: string; maxColdImportMedianMs: number };
  method: { runsPerBundle: number; warmupRunsPerBundle: number; esbuild: string; options: string; coldImport: string };
  reference: BundleRow;
  functions: BundleRow[];
}

const MAX_BYTES = 1024 * 1024;
const MAX_COLD_IMPORT_MS = 120;

function judge(row: BundleRow): BundleRow['pass'] {
  if (row.kind !== 'http' || row.error) return { size: null, coldImport: null, overall: row.error ? false : null };
  const size = row.bytes === null ? null : row.bytes <= MAX_BYTES;
  const coldImport = row.coldImportMs === null ? null : row.coldImportMs.median <= MAX_COLD_IMPORT_MS;
  return { size, coldImport, overall: size === true && coldImport === true };
}

async function measure(
  ctx: SectionContext,
  row: Omit<BundleRow, 'bytes' | 'coldImportMs' | 'topContributors' | 'pass'>,
  outfile: string,
  runs: number,
): Promise<BundleRow> {
  const result: BundleRow = { ...row, bytes: null, coldImportMs: null, topContributors: [], pass: { size: null, coldImport: null, overall: null } };
  try {
    mkdirSync(dirname(outfile), { recursive: true });
    const built = await bundleLambda(join(ctx.root, row.entry), outfile);
    writeFileSync(outfile.replace(/\.mjs$/, '.meta.json'), JSON.stringify(built.metafile));
    result.bytes = built.bytes;
    result.topContributors = built.topContributors;
    result.coldImportMs = await coldImport(ctx.cleanup, outfile, runs);
  } catch (error) {
    result.error = (error as Error).message;
  }
  result.pass = judge(result);
  return result;
}

const describe = (r: BundleRow) =>
  r.error ? `ERROR ${r.error}` : `${((r.bytes ?? 0) / 1024).toFixed(0)} KiB, cold import median ${r.coldImportMs?.median} ms`;

export const bundlesSection: BenchSection<BundlesData> = {
  name: 'bundles',
  title: 'Lambda bundle size and cold import',
  async run(ctx) {
    const runs = intFromEnv('BENCH_COLD_RUNS', 10);
    const outDir = join(ctx.tmpDir, 'bundles');
    const entries = lambdaEntries();

    progress(`bundles: reference DocumentClient + GetCommand (${runs} cold imports each)`);
    const referenceEntry = writeReferenceEntry(ctx.tmpDir);
    const reference = await measure(
      ctx,
      { kind: 'reference', name: 'dynamodb-get', entry: relative(ctx.root, referenceEntry), triggers: [] },
      join(outDir, 'reference', 'dynamodb-get.mjs'),
      runs,
    );
    progress(`  reference: ${describe(reference)}`);

    const functions: BundleRow[] = [];
    for (const [i, e] of entries.entries()) {
      if (ctx.cleanup.stopping) break;
      progress(`bundles: [${i + 1}/${entries.length}] ${e.kind} ${e.name}`);
      const row = await measure(ctx, e, join(outDir, e.kind, `${e.name}.mjs`), runs);
      progress(`  ${describe(row)}`);
      functions.push(row);
    }

    const rows = [reference, ...functions];
    return {
      data: {
        targets: { appliesTo: 'http', maxBytes: MAX_BYTES, maxBytesUnit: '1 MiB = 1,048,576 bytes', maxColdImportMedianMs: MAX_COLD_IMPORT_MS },
        method: {
          runsPerBundle: runs,
          warmupRunsPerBundle: 0,
          esbuild: esbuildVersion,
          options: 'infra/bundling.ts esbuildOptions (minified ESM, node22, AWS SDK bundled)',
          coldImport: 'fresh `node` per run, sequential; time of `await import(bundle)` only; bundle file in the OS page cache',
        },
        reference,
        functions,
      },
      targetsMet: functions.every((r) => r.pass.overall !== false),
      errors: rows.filter((r) => r.error).map((r) => `${r.kind} ${r.name}: ${r.error}`),
    };
  },
  render: renderBundles,
};
