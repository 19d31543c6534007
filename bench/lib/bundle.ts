import { statSync } from 'node:fs';
import { build, type BuildOptions, type Metafile } from 'esbuild';
import { lambdaBuildOptions, pruneUnreachableChunks, writeSideFiles, type LambdaBundleOptions } from '#infra/bundling.ts';

export interface Contributor {
  /** npm package name, or the first-party folder (e.g. `packages/core`). */
  name: string;
  bytes: number;
}

export interface BundleOutput {
  bytes: number;
  topContributors: Contributor[];
}

/** Exactly what CDK builds (infra/bundling.ts), with a metafile. */
export { lambdaBuildOptions };

export function owner(inputPath: string): string {
  const parts = inputPath.split('/');
  const nm = parts.lastIndexOf('node_modules');
  if (nm >= 0) {
    const first = parts[nm + 1] ?? '?';
    return first.startsWith('@') ? `${first}/${parts[nm + 2] ?? '?'}` : first;
  }
  return parts.slice(0, 2).join('/');
}

/** Output bytes grouped by package, largest first: what to cut when a bundle is too big. */
export function contributors(metafile: Metafile, top = 6): Contributor[] {
  const totals = new Map<string, number>();
  for (const output of Object.values(metafile.outputs)) {
    for (const [path, input] of Object.entries(output.inputs)) {
      totals.set(owner(path), (totals.get(owner(path)) ?? 0) + input.bytesInOutput);
    }
  }
  return [...totals]
    .map(([name, bytes]) => ({ name, bytes }))
    .sort((a, b) => b.bytes - a.bytes)
    .slice(0, top);
}

export async function bundleLambda(
  entry: string,
  outfile: string,
  override: Partial<BuildOptions> = {},
  options: LambdaBundleOptions = {},
): Promise<BundleOutput & { metafile: Metafile }> {
  const result = await build({ ...lambdaBuildOptions(entry, outfile, options), ...override });
  const metafile = result.metafile!;
  // The files on disk, banner included, are what Lambda's zip carries: index.mjs, its chunks and, beside them, ElectroDB's side file.
  const sideBytes = writeSideFiles(metafile, outfile);
  // What CDK ships (infra/lambda-bundles.ts): chunks no kept code can load are deleted first.
  const written = pruneUnreachableChunks(metafile, outfile).reduce((sum, file) => sum + statSync(file).size, 0);
  return { bytes: written + sideBytes, topContributors: contributors(metafile), metafile };
}
