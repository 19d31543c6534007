import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * Copies of installed packages with some of their modules changed, for Lambda
 * bundles only (infra/trimmed-sdk-client.ts, infra/echarts-ssr.ts). They sit
 * in infra/stubs/.generated/ (git-ignored), inside the repo so their bare
 * imports resolve to the packages the originals use, and are rewritten from
 * the installed package by every process that bundles, so an upgrade can
 * never ship a stale copy.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const generatedDir = path.join(here, 'stubs', '.generated');
const require = createRequire(import.meta.url);

/** Where the copy of `pkg` goes. */
export const generatedCopyDir = (pkg: string): string => path.join(generatedDir, pkg.replace('/', '+'));

/** The installed package's folder (the one whose package.json names it). */
export function packageRoot(pkg: string): string {
  let dir = path.dirname(require.resolve(pkg));
  while (!existsSync(path.join(dir, 'package.json')) || JSON.parse(readFileSync(path.join(dir, 'package.json'), 'utf8')).name !== pkg) {
    const parent = path.dirname(dir);
    if (parent === dir) throw new Error(`generated-copy: no package.json of ${pkg}`);
    dir = parent;
  }
  return dir;
}

/** Writes `content` to `file` unless it already holds it; through a rename, so a concurrent bundler never reads half a file. */
export function writeIfChanged(file: string, content: Buffer): void {
  if (existsSync(file) && readFileSync(file).equals(content)) return;
  mkdirSync(path.dirname(file), { recursive: true });
  const temporary = `${file}.${process.pid}.tmp`;
  writeFileSync(temporary, content);
  renameSync(temporary, file);
}

/** Every file under `from` (recursively) written to the same place under `to`, through `transform(relative path, bytes)`. */
export function copyTree(from: string, to: string, transform: (relative: string, content: Buffer) => Buffer, relative = ''): void {
  for (const entry of readdirSync(path.join(from, relative), { withFileTypes: true })) {
    const child = path.join(relative, entry.name);
    if (entry.isDirectory()) copyTree(from, to, transform, child);
    else writeIfChanged(path.join(to, child), transform(child, readFileSync(path.join(from, child))));
  }
}

/** The package.json fields a bundler reads of a copy reached by path (no `exports`, `main`: the alias names files). */
export function packageJsonForCopy(root: string, fields: readonly string[]): Buffer {
  const manifest = JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as Record<string, unknown>;
  return Buffer.from(JSON.stringify(Object.fromEntries(fields.map((field) => [field, manifest[field]]))));
}
