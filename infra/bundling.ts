import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildSync, type BuildOptions, type Metafile } from 'esbuild';
import { tenantSecretStores, type TenantSecret } from '#packages/core/tenant-secrets.ts';
import { writePackedPhoneMetadata } from './packed-json.ts';
import { phoneLibraryStub, writePhoneSideFile } from './phone-side-file.ts';
import { writeTrimmedSdkClient } from './trimmed-sdk-client.ts';
import { writeEchartsSsrCopies } from './echarts-ssr.ts';

/**
 * How every Lambda entry point is bundled: infra/lambda-bundles.ts builds each
 * function's bundle at synth with these, and `npm run bench` bundles with the
 * same settings to measure what Lambda will load. The AWS SDK is bundled (not
 * taken from the runtime) so versions are pinned and tree-shaken.
 */
export const LAMBDA_RUNTIME_TARGET = 'node22';

/** ElectroDB's model check is left out of Lambda bundles (see the stub for why). */
const jsonschemaStub = fileURLToPath(new URL('./stubs/jsonschema.cjs', import.meta.url));
/** The SDK's credential chain cut to its first link, the one Lambda uses (see the stub). */
const credentialChainStub = fileURLToPath(new URL('./stubs/credential-provider-node.mjs', import.meta.url));
/** The DocumentClient and the commands sent, not the package's whole index, which ElectroDB requires (see the stub). */
const libDynamodbStub = fileURLToPath(new URL('./stubs/lib-dynamodb.mjs', import.meta.url));
/** The DynamoDB client and the commands sent, not every command of the index (see the stub). */
const clientDynamodbStub = fileURLToPath(new URL('./stubs/client-dynamodb.mjs', import.meta.url));
/** ElectroDB loaded on first use from a file beside index.mjs, not parsed with it (see the stub). */
const electrodbLoaderStub = fileURLToPath(new URL('./stubs/electrodb.cjs', import.meta.url));
/** What the side file gets for ElectroDB's SDK requires: the bundle's own (see the stub). */
const electrodbSdkStub = fileURLToPath(new URL('./stubs/electrodb-sdk.cjs', import.meta.url));

/** The SDK's browser user-agent parser, never run in Node (see the stub). */
const bowserStub = fileURLToPath(new URL('./stubs/bowser.mjs', import.meta.url));
/** sanitize-html's CSS parser, never run with our options (see the stub). */
const postcssStub = fileURLToPath(new URL('./stubs/postcss.cjs', import.meta.url));
/** libphonenumber-js's numbering plans, gzipped in the bundle and inflated on first use (see infra/packed-json.ts). */
const phoneMetadataStub = fileURLToPath(new URL('./stubs/phone-metadata.cjs', import.meta.url));
writePackedPhoneMetadata();
/** The SDK module of each secret store, by the name packages/core/secrets/secret-sources.ts imports it. */
const secretStoreModules = {
  parameter: '#packages/core/secrets/ssm-sdk.ts',
  secretsManager: '#packages/core/secrets/secrets-manager-sdk.ts',
} as const satisfies Record<(typeof tenantSecretStores)[TenantSecret], string>;
/** What a function naming no secret of a store gets for that store's module (see the stub). */
const secretStoreStub = fileURLToPath(new URL('./stubs/secret-store-sdk.mjs', import.meta.url));
/**
 * The SSM client with only GetParameter(s)' errors in its error registry, not
 * SSM's 141 (see infra/trimmed-sdk-client.ts); Powertools' SSMProvider tests
 * `instanceof ParameterNotFound`, so that one keeps its class.
 */
const clientSsmTrimmed = writeTrimmedSdkClient('@aws-sdk/client-ssm', ['ParameterNotFound', 'ParameterVersionNotFound', 'InvalidKeyId', 'InternalServerError']);
/**
 * The copy infra/stubs/client-dynamodb.mjs takes the DynamoDB client from:
 * classes for the two errors whose modeled members carry items (the audit
 * interceptor tests `instanceof ConditionalCheckFailedException`); the
 * others surface by name, as for SSM.
 */
writeTrimmedSdkClient('@aws-sdk/client-dynamodb', ['ConditionalCheckFailedException', 'TransactionCanceledException']);
/** ECharts and zrender without the modules server-side SVG charts never run (see infra/echarts-ssr.ts). */
const echartsSsr = writeEchartsSsrCopies();
/** The SDK's event-stream serde, for calls no EventOS function makes (see the stub). */
const eventStreamsStub = fileURLToPath(new URL('./stubs/event-streams.mjs', import.meta.url));
/** node:http taken with require(), so its namespace's undici getters never run (see the stub). */
const nodeHttpStub = fileURLToPath(new URL('./stubs/node-http.mjs', import.meta.url));

/** The secret stores (tenant-secrets.ts) whose client a function naming these secrets needs in its bundle. */
export const secretStoresBundled = (secrets: readonly TenantSecret[]): Set<keyof typeof secretStoreModules> =>
  new Set(secrets.map((name) => tenantSecretStores[name]));

export interface LambdaBundleOptions {
  /**
   * The tenant secrets the function's routes, consumers or jobs name (what
   * CDK grants it). Given, a function is bundled without the client of a
   * secret store (SSM, Secrets Manager) where it names none of that store's
   * secrets; omitted, everything its code reaches is bundled.
   */
  secrets?: readonly TenantSecret[];
}

export const esbuildOptions = {
  bundle: true,
  platform: 'node',
  format: 'esm',
  target: LAMBDA_RUNTIME_TARGET,
  minify: true,
  sourcemap: false,
  mainFields: ['module', 'main'],
  // Some CommonJS dependencies call require(); ESM output needs one.
  banner: { js: "import { createRequire as __cr } from 'node:module'; const require = __cr(import.meta.url);" },
  external: [] as string[],
  alias: {
    jsonschema: jsonschemaStub,
    '@aws-sdk/credential-provider-node': credentialChainStub,
    '@aws-sdk/lib-dynamodb': libDynamodbStub,
    '@aws-sdk/client-dynamodb': clientDynamodbStub,
    '@aws-sdk/client-ssm': clientSsmTrimmed,
    echarts: echartsSsr.echarts,
    zrender: echartsSsr.zrender,
    electrodb: electrodbLoaderStub,
    bowser: bowserStub,
    postcss: postcssStub,
    '@smithy/core/event-streams': eventStreamsStub,
    'node:http': nodeHttpStub,
    http: nodeHttpStub,
    'libphonenumber-js/metadata.min.json': phoneMetadataStub,
    '#packages/core/lazy/phone-library.cjs': phoneLibraryStub,
  },
  // The gzipped JSON above, as bytes (base64 in the output, a Uint8Array when required).
  loader: { '.gz': 'binary' },
} as const;

/** ElectroDB's file beside a Lambda's index.mjs (infra/stubs/electrodb.cjs loads it on the first db() call). */
export const ELECTRODB_SIDE_FILE = 'electrodb.cjs';

let electrodbSideFile: string | undefined;

/** Built once per process: ElectroDB as one minified CommonJS file, its SDK requires handed over by the bundle. */
function builtElectrodbSideFile(): string {
  if (electrodbSideFile && existsSync(electrodbSideFile)) return electrodbSideFile;
  const outfile = path.join(mkdtempSync(path.join(tmpdir(), 'eventos-electrodb-')), ELECTRODB_SIDE_FILE);
  buildSync({
    bundle: true,
    platform: 'node',
    format: 'cjs',
    target: LAMBDA_RUNTIME_TARGET,
    minify: true,
    sourcemap: false,
    entryPoints: [createRequire(import.meta.url).resolve('electrodb')],
    outfile,
    alias: { jsonschema: jsonschemaStub, '@aws-sdk/lib-dynamodb': electrodbSdkStub, '@aws-sdk/util-dynamodb': electrodbSdkStub },
    logLevel: 'error',
  });
  return (electrodbSideFile = outfile);
}

/**
 * After a bundle is written: if it loads ElectroDB (its metafile has the
 * loader stub), put ElectroDB's side file beside it. Returns the side file's
 * bytes (part of what the function's zip carries), 0 if none was needed.
 */
export function writeElectrodbSideFile(metafile: Metafile, outfile: string): number {
  if (!Object.keys(metafile.inputs).some((input) => input.endsWith('infra/stubs/electrodb.cjs'))) return 0;
  const target = path.join(path.dirname(outfile), ELECTRODB_SIDE_FILE);
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(builtElectrodbSideFile(), target);
  return statSync(target).size;
}

/**
 * esbuildOptions for one entry → `outfile` (what a Lambda zip holds as
 * index.mjs) and, beside it, a chunk per piece of code the function reaches
 * only through a dynamic `import()` (the Stripe SDK, phone-number metadata, …):
 * bundled all the same (static specifiers), but read, parsed and run only on
 * the request that first needs it, not on every cold import (bench: bundles).
 * Chunks sit in the same folder as index.mjs, so the banner's require (and
 * ElectroDB's side file) resolve alike from either.
 */
export function lambdaBuildOptions(entry: string, outfile: string, options: LambdaBundleOptions = {}): BuildOptions {
  const stores = options.secrets && secretStoresBundled(options.secrets);
  const storeStubs = stores
    ? Object.fromEntries(Object.entries(secretStoreModules).flatMap(([store, module]) => (stores.has(store as never) ? [] : [[module, secretStoreStub]])))
    : {};
  return {
    ...esbuildOptions,
    mainFields: [...esbuildOptions.mainFields],
    external: [...esbuildOptions.external],
    banner: { ...esbuildOptions.banner },
    alias: { ...esbuildOptions.alias, ...storeStubs },
    entryPoints: [entry],
    outdir: path.dirname(outfile),
    entryNames: path.basename(outfile, '.mjs'),
    chunkNames: 'chunk-[name]-[hash]',
    outExtension: { '.js': '.mjs' },
    splitting: true,
    write: true,
    metafile: true,
    logLevel: 'error',
  };
}

/**
 * After a bundle is written: the files it loads on first use from beside
 * index.mjs (ElectroDB, libphonenumber-js), those its metafile shows it needs.
 * Returns their bytes (part of what the function's zip carries).
 */
export function writeSideFiles(metafile: Metafile, outfile: string): number {
  return writeElectrodbSideFile(metafile, outfile) + writePhoneSideFile(metafile, outfile, phoneMetadataStub);
}

/** Every file a build wrote (index.mjs and its chunks), as the metafile lists them. */
/**
 * esbuild emits a chunk for every `import()` it finds in the modules it reads,
 * before tree-shaking drops the code that made it: a feature's index that
 * re-exports a module calling `import('stripe')` leaves a Stripe chunk beside
 * a function that never calls it, and nothing can ever load it. This deletes
 * every output that index.mjs cannot reach through the imports (static or
 * dynamic) of the code esbuild kept, so a function's zip carries only what it
 * can run. Returns the absolute paths of the files kept.
 */
export function pruneUnreachableChunks(metafile: Metafile, outfile: string, absWorkingDir: string = process.cwd()): string[] {
  const outputs = metafile.outputs;
  const byAbsolute = new Map(Object.keys(outputs).map((file) => [path.resolve(absWorkingDir, file), file]));
  const entry = byAbsolute.get(path.resolve(outfile));
  if (!entry) throw new Error(`pruneUnreachableChunks: ${outfile} is not an output of this build`);
  const reached = new Set<string>();
  const pending = [entry];
  while (pending.length > 0) {
    const file = pending.pop()!;
    if (reached.has(file) || !outputs[file]) continue;
    reached.add(file);
    for (const imported of outputs[file]!.imports) if (!imported.external) pending.push(imported.path);
  }
  const kept: string[] = [];
  for (const [absolute, file] of byAbsolute) {
    if (reached.has(file)) kept.push(absolute);
    else rmSync(absolute, { force: true });
  }
  return kept;
}

export function builtFiles(metafile: Metafile, absWorkingDir: string = process.cwd()): string[] {
  return Object.keys(metafile.outputs).map((file) => path.resolve(absWorkingDir, file));
}
