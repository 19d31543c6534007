import { mkdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { build, type BuildOptions } from 'esbuild';
import { builtFiles, esbuildOptions } from '#infra/bundling.ts';
import { lambdaBuildOptions, owner } from './bundle.ts';

export interface SizeLever {
  variant: string;
  bytes: number;
  stripeBytes: number;
  /** bytes − the deployed options' bytes */
  delta: number;
  error?: string;
}

/**
 * What moves the size of a Stripe function: the same entry bundled with the
 * deployed options, then with one thing changed at a time.
 */
const variants: { variant: string; options: BuildOptions }[] = [
  { variant: 'as deployed (infra/bundling.ts)', options: {} },
  {
    variant: 'without the Lambda credential-chain stub (the SDK’s full default chain: SSO, ini, STS, IMDS)',
    options: { alias: Object.fromEntries(Object.entries(esbuildOptions.alias).filter(([name]) => name !== '@aws-sdk/credential-provider-node')) },
  },
  { variant: 'mainFields: main first (CommonJS builds; Stripe resolves through its `exports` either way)', options: { mainFields: ['main', 'module'] } },
  { variant: 'conditions: worker (Stripe’s fetch/SubtleCrypto entry, stripe.esm.worker.js)', options: { conditions: ['worker'] } },
  { variant: 'not minified', options: { minify: false } },
  { variant: 'legalComments: none, charset: utf8', options: { legalComments: 'none', charset: 'utf8' } },
];

export async function stripeLevers(entry: string, outDir: string): Promise<SizeLever[]> {
  const rows: SizeLever[] = [];
  for (const [index, { variant, options }] of variants.entries()) {
    const outfile = join(outDir, `variant-${index}.mjs`);
    mkdirSync(dirname(outfile), { recursive: true });
    try {
      const result = await build({ ...lambdaBuildOptions(entry, outfile), ...options });
      let stripeBytes = 0;
      for (const output of Object.values(result.metafile!.outputs)) {
        for (const [path, input] of Object.entries(output.inputs)) if (owner(path) === 'stripe') stripeBytes += input.bytesInOutput;
      }
      rows.push({ variant, bytes: builtFiles(result.metafile!).reduce((sum, file) => sum + statSync(file).size, 0), stripeBytes, delta: 0 });
    } catch (error) {
      rows.push({ variant, bytes: 0, stripeBytes: 0, delta: 0, error: (error as Error).message });
    }
  }
  const base = rows[0]?.bytes ?? 0;
  return rows.map((row) => ({ ...row, delta: row.error ? 0 : row.bytes - base }));
}
