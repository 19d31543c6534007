import { copyFileSync, existsSync, mkdirSync, mkdtempSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type Metafile } from 'esbuild';

/** libphonenumber-js's file beside a Lambda's index.mjs (infra/stubs/phone-library.cjs loads it on the first phone number). */
export const PHONE_SIDE_FILE = 'libphonenumber.cjs';

/** What a Lambda bundle gets for packages/core/lazy/phone-library.cjs (see the stub). */
export const phoneLibraryStub = fileURLToPath(new URL('./stubs/phone-library.cjs', import.meta.url));

let built: string | undefined;

/**
 * Built once per process: the parser and the numbering plans as one minified
 * CommonJS file, what packages/core/lazy/phone-library.cjs returns unbundled.
 * The plans go gzipped (infra/packed-json.ts), inflated when the file loads.
 */
function builtPhoneSideFile(phoneMetadataStub: string): string {
  if (built && existsSync(built)) return built;
  const dir = mkdtempSync(path.join(tmpdir(), 'eventos-libphonenumber-'));
  // ESM in, so esbuild keeps only the parser's code (a CommonJS require would take the whole package).
  const entry = path.join(dir, 'entry.mjs');
  writeFileSync(
    entry,
    "export { parsePhoneNumberFromString } from 'libphonenumber-js/core';\nexport { default as metadata } from 'libphonenumber-js/metadata.min.json';\n",
  );
  const outfile = path.join(dir, PHONE_SIDE_FILE);
  buildSync({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: 'node22',
    minify: true,
    sourcemap: false,
    mainFields: ['module', 'main'],
    entryPoints: [entry],
    outfile,
    // Resolved from the repository (its node_modules), though the entry sits in a scratch folder.
    nodePaths: [path.join(fileURLToPath(new URL('..', import.meta.url)), 'node_modules')],
    alias: { 'libphonenumber-js/metadata.min.json': phoneMetadataStub },
    loader: { '.gz': 'binary' },
    logLevel: 'error',
  });
  return (built = outfile);
}

/**
 * After a bundle is written: if it loads libphonenumber-js (its metafile has
 * the stub), put the side file beside it. Returns its bytes, 0 if none was needed.
 */
export function writePhoneSideFile(metafile: Metafile, outfile: string, phoneMetadataStub: string): number {
  if (!Object.keys(metafile.inputs).some((input) => input.endsWith('infra/stubs/phone-library.cjs'))) return 0;
  const target = path.join(path.dirname(outfile), PHONE_SIDE_FILE);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(builtPhoneSideFile(phoneMetadataStub), target);
  return statSync(target).size;
}
