import { execFileSync } from 'node:child_process';
import { rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '#infra/bundling.ts';
import { repoRoot } from '#infra/paths.ts';
import { scratchDir } from './support/scratch-dir.ts';
import { SYNTH_TIMEOUT_MS } from './support/synth.ts';

/**
 * In a Lambda bundle node:http is taken with require() (infra/stubs/node-http.mjs):
 * an ESM import of it reads its WebSocket getters, which load Node's undici on
 * every cold start. The webhooks' sender (node:http and request-filtering-agent,
 * which imports `* as http`) still posts through the guarded agent.
 */
const outboundModule = path.join(repoRoot, 'packages', 'features', 'webhooks', 'outbound-http.ts');

describe('node:http in Lambda bundles', () => {
  let dir: string;
  let outfile: string;
  let receiver: Server;
  const received: string[] = [];
  beforeAll(async () => {
    dir = scratchDir('bundle-node-http');
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, `export { postJson } from ${JSON.stringify(outboundModule)};\nexport * as http from 'node:http';\n`);
    outfile = path.join(dir, 'out', 'index.mjs');
    await build(lambdaBuildOptions(entry, outfile));
    receiver = createServer((req, res) => {
      let body = '';
      req.on('data', (chunk) => (body += chunk));
      req.on('end', () => {
        received.push(body);
        res.writeHead(202, { 'retry-after': '7' });
        res.end('thanks');
      });
    });
    await new Promise<void>((resolve) => receiver.listen(0, '127.0.0.1', resolve));
  }, SYNTH_TIMEOUT_MS);
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => receiver.close(resolve));
  });

  it('does not load undici when the bundle is imported', () => {
    const script = `await import(${JSON.stringify(pathToFileURL(outfile).href)}); console.log(JSON.stringify(process.moduleLoadList));`;
    const loaded = JSON.parse(execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8' })) as string[];
    expect(loaded).toContain('NativeModule http');
    expect(loaded.filter((name) => name.includes('undici'))).toEqual([]);
  }, SYNTH_TIMEOUT_MS);

  it('gives node:http’s exports and posts through the request-filtering agent', async () => {
    const bundled = (await import(pathToFileURL(outfile).href)) as typeof import('#packages/features/webhooks/outbound-http.ts') & { http: typeof import('node:http') };
    const real = await import('node:http');
    for (const name of ['Agent', 'request', 'get', 'createServer', 'STATUS_CODES', 'METHODS', 'globalAgent'] as const) expect(bundled.http[name]).toBe(real[name]);
    const target = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hook`;
    const previous = process.env.WEBHOOKS_ALLOW_LOOPBACK;
    try {
      // Refused by the guard: the loopback address is not allowed unless the local runner says so.
      process.env.WEBHOOKS_ALLOW_LOOPBACK = '0';
      expect(await bundled.postJson(target.replace('http:', 'https:'), '{}', {})).toMatchObject({ refused: true });
      process.env.WEBHOOKS_ALLOW_LOOPBACK = '1';
      expect(await bundled.postJson(target, '{"a":1}', {})).toMatchObject({ statusCode: 202, retryAfter: '7', body: 'thanks', refused: false });
      expect(received).toEqual(['{"a":1}']);
    } finally {
      if (previous === undefined) delete process.env.WEBHOOKS_ALLOW_LOOPBACK;
      else process.env.WEBHOOKS_ALLOW_LOOPBACK = previous;
    }
  });
});
