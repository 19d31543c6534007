import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { buildSync } from 'esbuild';
import { lambdaBuildOptions, secretStoresBundled, pruneUnreachableChunks, writeSideFiles, type LambdaBundleOptions } from './bundling.ts';
import { repoRoot } from './paths.ts';

let root: string | undefined;
const bundles = new Map<string, string>();

function workDir(): string {
  if (!root) {
    root = mkdtempSync(path.join(tmpdir(), 'eventos-lambda-bundles-'));
    // CDK copies each asset into the cloud assembly when the function is built; the scratch copy can go.
    process.once('exit', () => rmSync(root!, { recursive: true, force: true }));
  }
  return root;
}

/**
 * The folder holding a function's bundle (`index.mjs`), built once per entry
 * and process with infra/bundling.ts: esbuild's API in this process, no
 * `npx esbuild` per function as NodejsFunction does (that was ~2 s per
 * function; the whole tenant now bundles in seconds). Tenants synthesized
 * together share the bundles.
 */
export function lambdaBundleDir(entry: string, options: LambdaBundleOptions = {}): string {
  // The same entry may be bundled with and without a secret store's client (the function's secrets decide).
  const key = `${entry}\0${options.secrets === undefined ? 'all' : [...secretStoresBundled(options.secrets)].sort().join()}`;
  let dir = bundles.get(key);
  if (dir) return dir;
  dir = path.join(workDir(), String(bundles.size));
  mkdirSync(dir, { recursive: true });
  const outfile = path.join(dir, 'index.mjs');
  const result = buildSync({ ...lambdaBuildOptions(entry, outfile, options), metafile: true, absWorkingDir: repoRoot });
  pruneUnreachableChunks(result.metafile!, outfile, repoRoot);
  writeSideFiles(result.metafile!, outfile);
  bundles.set(key, dir);
  return dir;
}

/**
 * Stands in for every bundle when the synth skips bundling (context
 * `aws:cdk:bundling-stacks: []`, as the assertion tests do): the template is
 * the same but for asset hashes.
 */
export function skippedBundleDir(): string {
  const dir = path.join(workDir(), 'skipped');
  mkdirSync(dir, { recursive: true });
  writeFileSync(
    path.join(dir, 'index.mjs'),
    "export const handler = () => { throw new Error('synthesized with bundling skipped (aws:cdk:bundling-stacks)'); };\n",
  );
  return dir;
}
