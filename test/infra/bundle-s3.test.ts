import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '#infra/bundling.ts';
import { repoRoot } from '#infra/paths.ts';

/**
 * Lambda bundles carry a stub for the SDK's event-stream serde
 * (infra/stubs/event-streams.mjs); the S3 client wires it into its config at
 * construction. Bundled, the client still builds and puts and gets an object.
 */
describe('the S3 client in a Lambda bundle, without the event-stream serde', () => {
  let dir: string;
  let s3: Server;
  const objects = new Map<string, Buffer>();
  beforeAll(async () => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'bundle-s3-'));
    // Path-style PutObject and GetObject, nothing else.
    s3 = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        const key = req.url!.split('?')[0]!;
        if (req.method === 'PUT') {
          objects.set(key, Buffer.concat(chunks));
          res.writeHead(200, { etag: '"1"' }).end();
        } else if (objects.has(key)) {
          res.writeHead(200, { 'content-type': 'text/plain', 'content-length': objects.get(key)!.length }).end(objects.get(key));
        } else {
          res.writeHead(404, { 'content-type': 'application/xml' }).end('<Error><Code>NoSuchKey</Code><Message>none</Message></Error>');
        }
      });
    });
    await new Promise<void>((resolve) => s3.listen(0, '127.0.0.1', resolve));
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => s3.close(resolve));
  });

  it('puts and gets an object', async () => {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(
      entry,
      `import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
export async function roundTrip(endpoint) {
  const client = new S3Client({ region: 'eu-west-1', endpoint, forcePathStyle: true, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
  await client.send(new PutObjectCommand({ Bucket: 'files', Key: 'a.txt', Body: 'hello' }));
  const got = await client.send(new GetObjectCommand({ Bucket: 'files', Key: 'a.txt' }));
  return got.Body.transformToString();
}
`,
    );
    const outfile = path.join(dir, 'out', 'index.mjs');
    const result = await build(lambdaBuildOptions(entry, outfile));
    expect(Object.keys(result.metafile!.inputs).some((input) => input.endsWith('infra/stubs/event-streams.mjs'))).toBe(true);
    const { roundTrip } = (await import(pathToFileURL(outfile).href)) as { roundTrip: (endpoint: string) => Promise<string> };
    await expect(roundTrip(`http://127.0.0.1:${(s3.address() as AddressInfo).port}`)).resolves.toBe('hello');
    expect([...objects.keys()]).toEqual(['/files/a.txt']);
  }, 60_000);
});
