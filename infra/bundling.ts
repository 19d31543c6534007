import { fileURLToPath } from 'node:url';
import type { BuildOptions } from 'esbuild';

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
  },
} as const;

/** esbuildOptions for one entry → one file (what a Lambda zip holds as index.mjs). */
export function lambdaBuildOptions(entry: string, outfile: string): BuildOptions {
  return {
    ...esbuildOptions,
    mainFields: [...esbuildOptions.mainFields],
    external: [...esbuildOptions.external],
    banner: { ...esbuildOptions.banner },
    alias: { ...esbuildOptions.alias },
    entryPoints: [entry],
    outfile,
    write: true,
    metafile: true,
    logLevel: 'error',
  };
}
