import type { Readable } from 'node:stream';
import { Upload } from '@aws-sdk/lib-storage';
import { filesBucket, filesClient } from './files-client.ts';
import { assertSafeKey } from './files.ts';

/** S3's smallest part (but the last): a part is buffered in memory, so this bounds what an upload holds. */
export const UPLOAD_PART_BYTES = 5 * 1024 * 1024;

/**
 * Streams `body` into the bucket as a multipart upload (lib-storage's
 * `Upload`: 5 MB parts, two in flight), so a file of any size passes through
 * a few parts of memory; a body under one part is a single PutObject. A
 * failed upload aborts its multipart upload (no parts left behind).
 */
export async function uploadStream(key: string, body: Readable, contentType: string): Promise<{ key: string }> {
  assertSafeKey(key);
  const upload = new Upload({
    client: filesClient(),
    params: { Bucket: filesBucket(), Key: key, Body: body, ContentType: contentType },
    partSize: UPLOAD_PART_BYTES,
    queueSize: 2,
    leavePartsOnError: false,
  });
  await upload.done();
  return { key };
}
