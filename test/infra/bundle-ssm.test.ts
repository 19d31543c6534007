import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { lambdaBuildOptions } from '#infra/bundling.ts';
import { scratchDir } from './support/scratch-dir.ts';

/**
 * Lambda bundles carry the SSM client with its error registry cut to
 * GetParameter's errors (infra/trimmed-sdk-client.ts). Bundled, the client
 * and Powertools' provider still read a parameter, and every error a fake SSM
 * answers surfaces as the real client surfaces it: same name, fault, message,
 * retries; a kept error keeps its class.
 */
const ENTRY = `import { GetParameterCommand, ParameterNotFound, SSMClient, SSMServiceException } from '@aws-sdk/client-ssm';
import { SSMProvider } from '@aws-lambda-powertools/parameters/ssm';
const client = (endpoint) => new SSMClient({ region: 'eu-west-1', endpoint, maxAttempts: 2, credentials: { accessKeyId: 'test', secretAccessKey: 'test' } });
export async function read(endpoint, name) {
  try {
    const got = await client(endpoint).send(new GetParameterCommand({ Name: name, WithDecryption: true }));
    return { value: got.Parameter.Value };
  } catch (error) {
    return { name: error.name, fault: error.$fault, message: error.message, status: error.$metadata?.httpStatusCode, attempts: error.$metadata?.attempts,
      serviceException: error instanceof SSMServiceException, parameterNotFound: error instanceof ParameterNotFound };
  }
}
export async function readWithPowertools(endpoint, name) {
  return new SSMProvider({ awsSdkV3Client: client(endpoint) }).get(name, { decrypt: true });
}
`;

type Read = (endpoint: string, name: string) => Promise<Record<string, unknown>>;

describe('the SSM client in a Lambda bundle, its error registry trimmed', () => {
  let dir: string;
  let ssm: Server;
  let endpoint: string;
  const targets: string[] = [];
  beforeAll(async () => {
    dir = scratchDir('bundle-ssm');
    // awsJson1_1 GetParameter: one parameter, and for other names the error the name says.
    const errors: Record<string, [number, Record<string, string>]> = {
      missing: [400, { __type: 'ParameterNotFound', message: '' }],
      denied: [400, { __type: 'AccessDeniedException', Message: 'not yours' }],
      throttled: [400, { __type: 'ThrottlingException', message: 'slow down' }],
      broken: [500, { __type: 'InternalServerError', Message: 'oops' }],
      unknown: [400, { __type: 'com.amazonaws.ssm#SomethingNewException', message: 'new' }],
    };
    ssm = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on('data', (chunk: Buffer) => chunks.push(chunk));
      req.on('end', () => {
        targets.push(String(req.headers['x-amz-target']));
        const { Name } = JSON.parse(Buffer.concat(chunks).toString('utf8')) as { Name: string };
        const [status, body] = errors[Name] ?? [200, { Parameter: { Name, Type: 'SecureString', Value: `value of ${Name}`, Version: 1 } }];
        res.writeHead(status, { 'content-type': 'application/x-amz-json-1.1' }).end(JSON.stringify(body));
      });
    });
    await new Promise<void>((resolve) => ssm.listen(0, '127.0.0.1', resolve));
    endpoint = `http://127.0.0.1:${(ssm.address() as AddressInfo).port}`;
    writeFileSync(path.join(dir, 'entry.mjs'), ENTRY);
  });
  afterAll(async () => {
    rmSync(dir, { recursive: true, force: true });
    await new Promise((resolve) => ssm.close(resolve));
  });

  it('reads a parameter and surfaces every error as the real client does', async () => {
    const outfile = path.join(dir, 'out', 'index.mjs');
    const result = await build(lambdaBuildOptions(path.join(dir, 'entry.mjs'), outfile));
    const inputs = Object.keys(result.metafile!.inputs);
    expect(inputs.some((input) => input.includes('stubs/.generated/@aws-sdk+client-ssm/'))).toBe(true);
    expect(inputs.some((input) => input.includes('node_modules/@aws-sdk/client-ssm/'))).toBe(false);
    // The cut: errors GetParameter never answers are not in the bundle.
    expect(readFileSync(outfile, 'utf8')).not.toContain('OpsItemRelatedItemAssociationNotFoundException');

    const bundled = (await import(pathToFileURL(outfile).href)) as { read: Read; readWithPowertools: Read };
    // The same entry, not bundled: the installed client with all its errors.
    const real = (await import(pathToFileURL(path.join(dir, 'entry.mjs')).href)) as { read: Read };

    await expect(bundled.read(endpoint, 'present')).resolves.toEqual({ value: 'value of present' });
    await expect(bundled.readWithPowertools(endpoint, 'other')).resolves.toBe('value of other');
    expect(targets.every((target) => target === 'AmazonSSM.GetParameter')).toBe(true);
    for (const name of ['missing', 'denied', 'throttled', 'broken', 'unknown']) {
      const [fromBundle, fromReal] = [await bundled.read(endpoint, name), await real.read(endpoint, name)];
      expect(fromBundle, name).toEqual(fromReal);
      expect(fromBundle.serviceException, name).toBe(true);
    }
    // Spot checks, so the comparison above cannot pass on two equally wrong answers.
    expect(await bundled.read(endpoint, 'missing')).toMatchObject({ name: 'ParameterNotFound', fault: 'client', parameterNotFound: true, attempts: 1 });
    expect(await bundled.read(endpoint, 'denied')).toMatchObject({ name: 'AccessDeniedException', fault: 'client', message: 'not yours', status: 400, attempts: 1 });
    expect(await bundled.read(endpoint, 'throttled')).toMatchObject({ name: 'ThrottlingException', attempts: 2 });
    expect(await bundled.read(endpoint, 'broken')).toMatchObject({ name: 'InternalServerError', fault: 'server', attempts: 2 });
  }, 60_000);
});
