import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { builtinModules, createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';
import path from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { routing } from '#events/routing.ts';
import { schedules } from '#events/schedules.ts';
import { jobEntryFile } from '#infra/job-entries.ts';
import { jobGroups } from '#infra/job-layout.ts';
import { routes } from '#packages/api/routes/index.ts';
import { ELECTRODB_SIDE_FILE, esbuildOptions, lambdaBuildOptions, pruneUnreachableChunks, writeSideFiles } from '#infra/bundling.ts';
import { PHONE_SIDE_FILE } from '#infra/phone-side-file.ts';
import { functionKinds } from '#infra/constructs/eventos-function.ts';
import { lambdaBundleDir } from '#infra/lambda-bundles.ts';
import { functionsRoot, repoRoot } from '#infra/paths.ts';
import { httpEntryFile } from '#infra/http-entries.ts';
import { consumerEntryFile } from '#infra/consumer-entries.ts';
import { consumerGroups } from '#infra/consumer-layout.ts';
import { SYNTH_TIMEOUT_MS } from './support/synth.ts';
import { httpFunctions } from '#infra/http-layout.ts';

/**
 * The stack tests synthesize with bundling skipped; this bundles every entry
 * point the stack deploys (the generated dispatcher of each feature, each
 * own-function handler, consumers and jobs), in one esbuild call with the
 * options of infra/bundling.ts. `splitting` shares the AWS SDK & co. between
 * entries to keep it quick; it changes the chunking, not what resolves.
 */
const entries = [
  ...new Set([
    ...httpFunctions(routes).map((fn) => httpEntryFile(fn)),
    ...consumerGroups(routing).map((group) => consumerEntryFile(group)),
    ...jobGroups(schedules).map((group) => jobEntryFile(group)),
    // The one-shot wake-ups' target (infra/constructs/wake-ups.ts): a job entry without a schedules row.
    path.join(functionsRoot, functionKinds.job.dir, 'wake-up.ts'),
  ]),
];

describe('Lambda bundles', () => {
  it('builds every function with infra/bundling.ts: ESM, minified, node22, banner, main fields, AWS SDK bundled, its stubs, the SSM client trimmed, ECharts for server-side SVG', () => {
    const options = lambdaBuildOptions('entry.ts', 'out/index.mjs');
    expect(options).toMatchObject({
      bundle: true,
      platform: 'node',
      format: 'esm',
      minify: true,
      target: 'node22',
      banner: esbuildOptions.banner,
      mainFields: ['module', 'main'],
      external: [],
      entryPoints: ['entry.ts'],
      // index.mjs, and a chunk beside it for what is reached only through import().
      outdir: 'out',
      entryNames: 'index',
      outExtension: { '.js': '.mjs' },
      splitting: true,
    });
    expect(options.alias).toEqual({
      jsonschema: expect.stringMatching(/infra\/stubs\/jsonschema\.cjs$/),
      '@aws-sdk/credential-provider-node': expect.stringMatching(/infra\/stubs\/credential-provider-node\.mjs$/),
      '@aws-sdk/lib-dynamodb': expect.stringMatching(/infra\/stubs\/lib-dynamodb\.mjs$/),
      '@aws-sdk/client-dynamodb': expect.stringMatching(/infra\/stubs\/client-dynamodb\.mjs$/),
      '@aws-sdk/client-ssm': expect.stringMatching(/infra\/stubs\/\.generated\/@aws-sdk\+client-ssm\/dist-es\/index\.js$/),
      echarts: expect.stringMatching(/infra\/stubs\/\.generated\/echarts$/),
      zrender: expect.stringMatching(/infra\/stubs\/\.generated\/zrender$/),
      electrodb: expect.stringMatching(/infra\/stubs\/electrodb\.cjs$/),
      bowser: expect.stringMatching(/infra\/stubs\/bowser\.mjs$/),
      postcss: expect.stringMatching(/infra\/stubs\/postcss\.cjs$/),
      '@smithy/core/event-streams': expect.stringMatching(/infra\/stubs\/event-streams\.mjs$/),
      'node:http': expect.stringMatching(/infra\/stubs\/node-http\.mjs$/),
      http: expect.stringMatching(/infra\/stubs\/node-http\.mjs$/),
      'libphonenumber-js/metadata.min.json': expect.stringMatching(/infra\/stubs\/phone-metadata\.cjs$/),
      '#packages/core/lazy/phone-library.cjs': expect.stringMatching(/infra\/stubs\/phone-library\.cjs$/),
    });
  });

  it('loads libphonenumber-js and its numbering plans (gzipped) from a file beside index.mjs on the first phone number, and parses as the package does', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'phone-bundle-'));
    try {
      const entry = path.join(dir, 'entry.mjs');
      writeFileSync(entry, `export { toE164 } from ${JSON.stringify(path.join(repoRoot, 'packages', 'core', 'phone.ts'))};\n`);
      const out = path.join(dir, 'out');
      const outfile = path.join(out, 'index.mjs');
      const result = await build({ ...lambdaBuildOptions(entry, outfile) });
      const inputs = Object.keys(result.metafile!.inputs);
      // Neither the parser nor the plans in the bundle itself: only the stub that requires them.
      expect(inputs.filter((input) => input.includes('node_modules/libphonenumber-js/'))).toEqual([]);
      expect(inputs.some((input) => input.endsWith('infra/stubs/phone-library.cjs'))).toBe(true);
      const sideBytes = writeSideFiles(result.metafile!, outfile);
      expect(existsSync(path.join(out, PHONE_SIDE_FILE))).toBe(true);
      // The plain JSON alone is 83 KB; the side file with the library's code stays under it.
      expect(sideBytes).toBeLessThan(readFileSync(createRequire(import.meta.url).resolve('libphonenumber-js/metadata.min.json')).length);
      const { toE164 } = (await import(pathToFileURL(outfile).href)) as { toE164: (s: string) => string | undefined };
      expect(toE164('+34 612 345 678')).toBe('+34612345678');
      expect(toE164('+1 (415) 555-2671')).toBe('+14155552671');
      expect(toE164('+34 61')).toBeUndefined();
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('sanitises a seat map’s SVG in a bundle without postcss: style attributes dropped, scripts gone', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'svg-bundle-'));
    try {
      const entry = path.join(dir, 'entry.mjs');
      writeFileSync(entry, `export { sanitizeSvg } from ${JSON.stringify(path.join(repoRoot, 'packages', 'features', 'seating', 'svg.ts'))};\n`);
      const out = path.join(dir, 'out');
      const result = await build({ ...lambdaBuildOptions(entry, path.join(out, 'index.mjs')) });
      expect(Object.keys(result.metafile!.inputs).some((input) => input.includes('node_modules/postcss/'))).toBe(false);
      const { sanitizeSvg } = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as { sanitizeSvg: (svg: string) => string };
      const clean = sanitizeSvg('<svg viewBox="0 0 10 10"><rect x="1" style="fill:url(https://evil.example/x)" width="2"/><script>alert(1)</script></svg>');
      expect(clean).toBe('<svg viewBox="0 0 10 10"><rect x="1" width="2"></rect></svg>');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('bundles at synth into the function’s asset (index.mjs, handler index.handler), once per entry', () => {
    const entry = path.join(repoRoot, 'packages', 'features', 'system', 'http', 'health.ts');
    const dir = lambdaBundleDir(entry);
    expect(lambdaBundleDir(entry)).toBe(dir);
    const source = readFileSync(path.join(dir, 'index.mjs'), 'utf8');
    expect(source.startsWith(esbuildOptions.banner.js)).toBe(true);
    expect(source).toMatch(/export\s*\{[^}]*\bhandler\b/);
    // ElectroDB ships beside index.mjs, loaded on the first db() call (infra/stubs/electrodb.cjs).
    expect(existsSync(path.join(dir, ELECTRODB_SIDE_FILE))).toBe(true);
  }, 60_000);

  it('bundles the SDK with the Lambda credential chain: environment credentials, nothing else', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'credential-chain-'));
    try {
      const entry = path.join(dir, 'entry.mjs');
      writeFileSync(
        entry,
        "import { DynamoDBClient } from '@aws-sdk/client-dynamodb';\nexport const credentials = () => new DynamoDBClient({ region: 'eu-west-1' }).config.credentials();\n",
      );
      const outfile = path.join(dir, 'out.mjs');
      const result = await build({ ...esbuildOptions, external: [], mainFields: [...esbuildOptions.mainFields], entryPoints: [entry], outfile, metafile: true, logLevel: 'silent' });
      const inputs = Object.keys(result.metafile.inputs);
      expect(inputs.some((i) => i.includes('credential-provider-env'))).toBe(true);
      for (const gone of ['credential-provider-sso', 'credential-provider-ini', 'credential-provider-imds', 'nested-clients']) {
        expect(inputs.filter((i) => i.includes(gone)), gone).toEqual([]);
      }
      const bundled = (await import(pathToFileURL(outfile).href)) as { credentials: () => Promise<{ accessKeyId: string }> };
      const saved = { id: process.env.AWS_ACCESS_KEY_ID, secret: process.env.AWS_SECRET_ACCESS_KEY };
      try {
        process.env.AWS_ACCESS_KEY_ID = 'AKIDLAMBDA';
        process.env.AWS_SECRET_ACCESS_KEY = 'secret';
        expect((await bundled.credentials()).accessKeyId).toBe('AKIDLAMBDA');
        delete process.env.AWS_ACCESS_KEY_ID;
        await expect(bundled.credentials()).rejects.toThrow(/environment variable credentials/);
      } finally {
        process.env.AWS_ACCESS_KEY_ID = saved.id;
        process.env.AWS_SECRET_ACCESS_KEY = saved.secret;
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('ships code reached only through import() (the Stripe SDK) as a chunk beside index.mjs, read and run on first use', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'lazy-chunk-'));
    try {
      const entry = path.join(dir, 'entry.mjs');
      writeFileSync(
        entry,
        `import { loadStripe, loadedStripe } from ${JSON.stringify(path.join(repoRoot, 'packages', 'payments', 'stripe-sdk.ts'))};\n` +
          'export const handler = async () => { const before = loadedStripe(); const Stripe = await loadStripe(); return { before, errors: typeof Stripe.errors.StripeError }; };\n',
      );
      const out = path.join(dir, 'out');
      await build(lambdaBuildOptions(entry, path.join(out, 'index.mjs')));
      const files = readdirSync(out);
      expect(readFileSync(path.join(out, 'index.mjs'), 'utf8')).not.toContain('api.stripe.com');
      expect(files.filter((f) => f.startsWith('chunk-') && readFileSync(path.join(out, f), 'utf8').includes('api.stripe.com'))).toHaveLength(1);
      const bundled = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as { handler: () => Promise<unknown> };
      expect(await bundled.handler()).toEqual({ before: undefined, errors: 'function' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('ships no chunk that the kept code cannot load (an import() in code tree-shaking dropped)', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'dead-chunk-'));
    try {
      writeFileSync(path.join(dir, 'dead.mjs'), "export const text = 'only-in-the-dead-chunk';\n");
      writeFileSync(path.join(dir, 'live.mjs'), "export const text = 'in-the-live-chunk';\n");
      writeFileSync(path.join(dir, 'lib.mjs'), "export const used = () => import('./live.mjs');\nexport const unused = () => import('./dead.mjs');\n");
      writeFileSync(path.join(dir, 'entry.mjs'), "import { used } from './lib.mjs';\nexport const handler = async () => (await used()).text;\n");
      const out = path.join(dir, 'out');
      const result = await build(lambdaBuildOptions(path.join(dir, 'entry.mjs'), path.join(out, 'index.mjs')));
      const before = readdirSync(out);
      const kept = pruneUnreachableChunks(result.metafile!, path.join(out, 'index.mjs'));
      const after = readdirSync(out);
      expect(before.length).toBe(3);
      expect(after.sort()).toEqual(kept.map((f) => path.basename(f)).sort());
      expect(after).toHaveLength(2);
      expect(after.map((f) => readFileSync(path.join(out, f), 'utf8')).join('\n')).not.toContain('only-in-the-dead-chunk');
      const bundled = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as { handler: () => Promise<string> };
      expect(await bundled.handler()).toBe('in-the-live-chunk');
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('loads a feature function’s routes from chunks on their first request: the system function’s bundle answers GET /health', async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    const dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'lazy-routes-'));
    try {
      const system = httpFunctions(routes).find((fn) => fn.name === 'system')!;
      const out = path.join(dir, 'out');
      await build(lambdaBuildOptions(httpEntryFile(system), path.join(out, 'index.mjs')));
      const index = readFileSync(path.join(out, 'index.mjs'), 'utf8');
      // The dispatcher names each route, and each route's handler is a chunk of its own, imported on demand.
      expect(index).toContain('GET /health');
      expect(readdirSync(out).filter((f) => f.startsWith('chunk-')).length).toBeGreaterThanOrEqual(system.routes.length);
      const bundled = (await import(pathToFileURL(path.join(out, 'index.mjs')).href)) as { handler: (e: unknown, c: unknown) => Promise<{ statusCode: number; body: string }> };
      const event = { version: '2.0', routeKey: 'GET /health', rawPath: '/health', rawQueryString: '', headers: {}, isBase64Encoded: false, requestContext: { requestId: 'r-1', routeKey: 'GET /health', http: { method: 'GET', path: '/health' } } };
      const result = await bundled.handler(event, { awsRequestId: 'r-1', functionName: 'system', getRemainingTimeInMillis: () => 10_000 });
      expect(result.statusCode).toBe(200);
      expect(JSON.parse(result.body)).toEqual({ status: 'ok' });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 60_000);

  it('every function of the route table (by feature), routing and schedules bundles and exports `handler`', async () => {
    const result = await build({
      ...esbuildOptions,
      external: [...esbuildOptions.external],
      mainFields: [...esbuildOptions.mainFields],
      entryPoints: entries,
      outdir: path.join(repoRoot, 'cdk.out', 'bundle-check'),
      outbase: repoRoot,
      splitting: true,
      write: false,
      metafile: true,
      logLevel: 'silent',
    });
    expect(result.errors).toEqual([]);
    // (Dynamic imports inside dependencies become entry points of their own; keep ours.)
    const ours = new Set(entries.map((e) => path.relative(process.cwd(), e)));
    const outputs = Object.values(result.metafile.outputs).filter((o) => o.entryPoint && ours.has(o.entryPoint));
    expect(outputs).toHaveLength(entries.length);
    for (const output of outputs) expect(output.exports, output.entryPoint).toContain('handler');
    // Nothing left for the runtime to provide: the SDK is in the bundle.
    const imports = Object.values(result.metafile.outputs).flatMap((o) => o.imports.filter((i) => i.external).map((i) => i.path));
    expect(imports.filter((i) => !builtinModules.includes(i.replace(/^node:/, '')))).toEqual([]);
  }, SYNTH_TIMEOUT_MS);
});
