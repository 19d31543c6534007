import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { build } from 'esbuild';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ELECTRODB_SIDE_FILE, esbuildOptions, writeElectrodbSideFile } from '#infra/bundling.ts';
import { repoRoot } from '#infra/paths.ts';
import { SYNTH_TIMEOUT_MS } from './support/synth.ts';

/**
 * packages/core/db as a Lambda bundle runs it: ElectroDB loaded on the first
 * db() call from its file beside the bundle (infra/stubs/electrodb.cjs), the DocumentClient and DynamoDB client through the bundle's SDK
 * stubs (infra/stubs/lib-dynamodb.mjs, client-dynamodb.mjs). Against DynamoDB
 * Local: a write, a read, a condition failure and a canceled transaction's
 * reasons come through as they do unbundled.
 */
const entrySource = (service: string) => `
import { db } from ${JSON.stringify(service)};
export async function run(username) {
  const { userName } = db().entities;
  await userName.create({ username, userId: 'u1' }).go();
  const read = await userName.get({ username }).go();
  let conditionError;
  try { await userName.create({ username, userId: 'u2' }).go(); } catch (error) { conditionError = error; }
  const canceled = await db().transaction.write(({ userName }) => [userName.create({ username, userId: 'u3' }).commit()]).go();
  return { read: read.data, conditionCause: conditionError?.cause?.name, canceled: canceled.canceled, reasons: canceled.data };
}
`;

describe('packages/core/db bundled', () => {
  let dir: string;
  beforeAll(() => {
    mkdirSync(path.join(repoRoot, 'cdk.out'), { recursive: true });
    dir = mkdtempSync(path.join(repoRoot, 'cdk.out', 'bundle-db-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  // This file's table and DynamoDB Local's endpoint: test/support/per-file-table.ts.
  it('writes, reads, fails a condition and reports a canceled transaction’s reasons through the stubbed SDK', async () => {
    const entry = path.join(dir, 'entry.mjs');
    writeFileSync(entry, entrySource(path.join(repoRoot, 'packages/core/db/service.ts')));
    const outfile = path.join(dir, 'out.mjs');
    const result = await build({ ...esbuildOptions, external: [], mainFields: [...esbuildOptions.mainFields], entryPoints: [entry], outfile, metafile: true, logLevel: 'silent' });
    // ElectroDB is not in the bundle but in a file beside it, loaded on the first db() call.
    expect(Object.keys(result.metafile.inputs).filter((input) => input.includes('node_modules/electrodb/'))).toEqual([]);
    expect(writeElectrodbSideFile(result.metafile, outfile)).toBeGreaterThan(0);
    expect(existsSync(path.join(dir, ELECTRODB_SIDE_FILE))).toBe(true);
    const bundled = (await import(pathToFileURL(outfile).href)) as { run: (username: string) => Promise<Record<string, unknown>> };
    expect(await bundled.run('ada')).toMatchObject({
      read: { username: 'ada', userId: 'u1' },
      conditionCause: 'ConditionalCheckFailedException',
      canceled: true,
      reasons: [{ code: 'ConditionalCheckFailed' }],
    });
  }, SYNTH_TIMEOUT_MS);

  // The bundle's DynamoDB client keeps the classes of two errors only (infra/trimmed-sdk-client.ts); any other surfaces by name, as unbundled.
  it('surfaces an error whose class the bundle leaves out as the installed client does', async () => {
    const entry = path.join(dir, 'errors.mjs');
    writeFileSync(
      entry,
      `import { DynamoDBClient, GetItemCommand } from '@aws-sdk/client-dynamodb';
export async function missingTable() {
  try { await new DynamoDBClient({ maxAttempts: 1 }).send(new GetItemCommand({ TableName: 'no_such_table', Key: { pk: { S: 'a' } } })); return 'no error'; }
  catch (error) { return { name: error.name, fault: error.$fault, message: error.message, status: error.$metadata?.httpStatusCode }; }
}
`,
    );
    const outfile = path.join(dir, 'errors-out', 'index.mjs');
    await build({ ...esbuildOptions, external: [], mainFields: [...esbuildOptions.mainFields], entryPoints: [entry], outfile, logLevel: 'silent' });
    const bundled = (await import(pathToFileURL(outfile).href)) as { missingTable: () => Promise<unknown> };
    const real = (await import(pathToFileURL(entry).href)) as { missingTable: () => Promise<unknown> };
    const fromBundle = await bundled.missingTable();
    expect(fromBundle).toMatchObject({ name: 'ResourceNotFoundException', fault: 'client', status: 400 });
    expect(fromBundle).toEqual(await real.missingTable());
    // ResourceNotFoundException's class really is cut: the bundle does not carry it.
    expect(readFileSync(outfile, 'utf8')).not.toContain('com.amazonaws.dynamodb#ResourceNotFoundException');
  }, SYNTH_TIMEOUT_MS);
});
