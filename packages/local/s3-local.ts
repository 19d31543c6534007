import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import S3rver from 's3rver';

/** The bucket name the local runner gives FILES_BUCKET (s3rver wants 3+ characters). */
export const LOCAL_FILES_BUCKET = 'eventos-files';
/** The fixed key pair s3rver signs with: FILES_LOCAL_CREDENTIALS (packages/core/storage/files-client.ts). */
export const LOCAL_S3_CREDENTIALS = 'S3RVER:S3RVER';

export interface RunningS3 {
  endpoint: string;
  bucket: string;
  stop(): Promise<void>;
}

/**
 * A real S3-compatible server in-process (s3rver), standing in for the tenant's
 * bucket: SDK v3 puts, gets and presigned URLs work against it unchanged. It
 * checks request signatures but NOT presigned-URL signatures, so tests prove
 * that links are issued only to the entitled, not that S3 refuses others.
 * Files go under `directory` when the runner keeps data, else a temporary
 * folder removed on stop.
 */
export async function startS3Local(options: { port?: number; directory?: string | null } = {}): Promise<RunningS3> {
  const directory = options.directory ?? mkdtempSync(path.join(tmpdir(), 'eventos-s3-'));
  mkdirSync(directory, { recursive: true });
  const server = new S3rver({
    address: '127.0.0.1',
    port: options.port ?? 0,
    silent: true,
    directory,
    configureBuckets: [{ name: LOCAL_FILES_BUCKET, configs: [] }],
  });
  const address = (await server.run()) as { port: number };
  return {
    endpoint: `http://127.0.0.1:${address.port}`,
    bucket: LOCAL_FILES_BUCKET,
    stop: async () => {
      await server.close();
      if (!options.directory) rmSync(directory, { recursive: true, force: true });
    },
  };
}
