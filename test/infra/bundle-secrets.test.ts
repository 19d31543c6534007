import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build, type Metafile } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { routes } from '#packages/api/routes/index.ts';
import { lambdaBuildOptions, secretStoresBundled } from '#infra/bundling.ts';
import { httpEntryFile } from '#infra/http-entries.ts';
import { accessOf, httpFunctions } from '#infra/http-layout.ts';
import { repoRoot } from '#infra/paths.ts';
import { SYNTH_TIMEOUT_MS } from './support/synth.ts';

/**
 * The SSM client and Powertools' SSM provider (~85 KB) go only into the
 * bundles of functions that name a parameter secret, the Secrets Manager
 * client (~20 KB) only into those naming a Secrets Manager one
 * (infra/bundling.ts); the others get infra/stubs/secret-store-sdk.mjs.
 */
// The SSM client is bundled from its trimmed copy (infra/trimmed-sdk-client.ts), the others from node_modules.
const carries = (metafile: Metafile, pkg: string) =>
  Object.keys(metafile.inputs).some((input) => input.includes(`node_modules/@aws-sdk/${pkg}/`) || input.includes(`stubs/.generated/@aws-sdk+${pkg}/`));
const carriesSsm = (metafile: Metafile) => carries(metafile, 'client-ssm');
const carriesSecretsManager = (metafile: Metafile) => carries(metafile, 'client-secrets-manager');

const sourcesModule = path.join(repoRoot, 'packages', 'core', 'secrets', 'secret-sources.ts');

describe('the SSM client in Lambda bundles', () => {
  let dir: string;
  let ssm: Server;
  const requests: { target: string | undefined; body: string }[] = [];
  beforeAll(async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'bundle-secrets-'));
    // SSM's JSON protocol, GetParameter only: enough to see the bundled provider read a parameter.
    ssm = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        requests.push({ target: req.headers['x-amz-target'] as string | undefined, body });
        const { Name } = JSON.parse(body) as { Name: string };
        res.writeHead(200, { 'content-type': 'application/x-amz-json-1.1' });
        res.end(JSON.stringify({ Parameter: { Name, Type: 'SecureString', Value: 'k'.repeat(32), Version: 1 } }));
      });
    });
    await new Promise<void>((resolve) => ssm.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => ssm.close(resolve));
  });

  async function bundleSources(name: string, secrets: Parameters<typeof lambdaBuildOptions>[2]) {
    const entry = path.join(dir, `${name}.mjs`);
    writeFileSync(entry, `export { secretsManagerSource } from ${JSON.stringify(sourcesModule)};\n`);
    const outfile = path.join(dir, name, 'index.mjs');
    const result = await build(lambdaBuildOptions(entry, outfile, secrets));
    const mod = (await import(pathToFileURL(outfile).href)) as typeof import('#packages/core/secrets/secret-sources.ts');
    return { metafile: result.metafile!, source: mod.secretsManagerSource };
  }

  it('a function naming a parameter secret carries it and reads the parameter through it', async () => {
    const { metafile, source } = await bundleSources('names-parameter', { secrets: ['ticketSigningKey'] });
    expect(carriesSsm(metafile)).toBe(true);
    expect(carriesSecretsManager(metafile)).toBe(false);
    const endpoint = `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`;
    const saved = { ...process.env };
    Object.assign(process.env, { AWS_REGION: 'eu-west-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test', AWS_ENDPOINT_URL_SSM: endpoint });
    try {
      const value = await source({ TICKET_SIGNING_PARAMETER: '/eventos/acme/ticket-signing-key' }).read('ticketSigningKey');
      expect(value).toBe('k'.repeat(32));
    } finally {
      for (const key of ['AWS_REGION', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_ENDPOINT_URL_SSM']) {
        if (saved[key] === undefined) delete process.env[key];
        else process.env[key] = saved[key];
      }
    }
    expect(requests.at(-1)).toEqual({
      target: 'AmazonSSM.GetParameter',
      body: JSON.stringify({ Name: '/eventos/acme/ticket-signing-key', WithDecryption: true }),
    });
  }, 60_000);

  it('a function naming none carries the stub, which says why if it is ever reached', async () => {
    const { metafile, source } = await bundleSources('names-none', { secrets: ['stripe'] });
    expect(carriesSsm(metafile)).toBe(false);
    expect(carriesSecretsManager(metafile)).toBe(true);
    expect(Object.keys(metafile.inputs).some((input) => input.endsWith('infra/stubs/secret-store-sdk.mjs'))).toBe(true);
    // Not granted, so refused before the SSM client would be needed …
    await expect(source({}).read('ticketSigningKey')).rejects.toThrow(/TICKET_SIGNING_PARAMETER is not set/);
    // … and were the variable set against the grants, the stub names the mismatch.
    await expect(source({ TICKET_SIGNING_PARAMETER: '/eventos/acme/ticket-signing-key' }).read('ticketSigningKey')).rejects.toThrow(
      /bundled without this secret store’s client/,
    );
  }, 60_000);

  it('HTTP functions of the route table: each store’s client in a bundle exactly when its routes name a secret kept there', async () => {
    const functions = httpFunctions(routes);
    const stores = (fn: (typeof functions)[number]) => secretStoresBundled(accessOf(fn).secrets);
    const picked = [
      functions.find((fn) => stores(fn).has('parameter') && !stores(fn).has('secretsManager')),
      functions.find((fn) => stores(fn).has('secretsManager')),
      functions.find((fn) => fn.name === 'system'),
    ];
    expect(picked.every(Boolean) && stores(picked[2]!).size === 0).toBe(true);
    for (const fn of picked as NonNullable<(typeof picked)[number]>[]) {
      const outfile = path.join(dir, 'functions', fn.name, 'index.mjs');
      const result = await build(lambdaBuildOptions(httpEntryFile(fn), outfile, { secrets: accessOf(fn).secrets }));
      expect({ fn: fn.name, ssm: carriesSsm(result.metafile!), secretsManager: carriesSecretsManager(result.metafile!) }).toEqual({
        fn: fn.name,
        ssm: stores(fn).has('parameter'),
        secretsManager: stores(fn).has('secretsManager'),
      });
    }
  }, SYNTH_TIMEOUT_MS);
});
