import { Readable } from 'node:stream';
import { HeadObjectCommand } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startS3Local, LOCAL_S3_CREDENTIALS, type RunningS3 } from '#packages/local/s3-local.ts';
import { filesBucket, filesClient, readFileText, resetFilesClient, uploadStream, UPLOAD_PART_BYTES } from '#packages/core/storage/index.ts';

/**
 * The export job's upload against the local S3 server (s3rver): a stream of
 * more than two parts goes up as a multipart upload and reads back whole.
 */
let s3: RunningS3;
beforeAll(async () => {
  s3 = await startS3Local();
  Object.assign(process.env, {
    AWS_REGION: process.env.AWS_REGION ?? 'eu-west-1',
    AWS_ENDPOINT_URL_S3: s3.endpoint,
    FILES_BUCKET: s3.bucket,
    FILES_LOCAL_CREDENTIALS: LOCAL_S3_CREDENTIALS,
  });
  resetFilesClient();
});
afterAll(async () => {
  resetFilesClient();
  await s3?.stop();
});

describe('uploadStream', () => {
  it('streams a body of several 5 MB parts as one multipart upload that s3rver assembles', async () => {
    const line = 'id,email,firstName\n'.padEnd(100, 'x') + '\n';
    const lines = Math.ceil((2.5 * UPLOAD_PART_BYTES) / line.length);
    let sent = 0;
    const body = Readable.from(
      (function* () {
        for (let i = 0; i < lines; i += 1000) {
          const chunk = line.repeat(Math.min(1000, lines - i));
          sent += chunk.length;
          yield Buffer.from(chunk);
        }
      })(),
    );
    // s3rver stores an assembled object under the MD5 of its bytes, not S3's "<digest>-<parts>": count the calls instead.
    const calls: string[] = [];
    filesClient().middlewareStack.add((next, context) => (args) => {
      calls.push(String(context.commandName));
      return next(args);
    }, { step: 'initialize', name: 'testCommandNames' });
    try {
      await uploadStream('exports/test-multipart/big.csv', body, 'text/csv');
    } finally {
      filesClient().middlewareStack.remove('testCommandNames');
    }
    expect(calls.filter((c) => c !== 'UploadPartCommand')).toEqual(['CreateMultipartUploadCommand', 'CompleteMultipartUploadCommand']);
    expect(calls.filter((c) => c === 'UploadPartCommand')).toHaveLength(3);
    const head = await filesClient().send(new HeadObjectCommand({ Bucket: filesBucket(), Key: 'exports/test-multipart/big.csv' }));
    expect(head.ContentLength).toBe(sent);
    const text = await readFileText('exports/test-multipart/big.csv');
    expect(text.length).toBe(sent);
    expect(text.endsWith(line)).toBe(true);
  });
});
