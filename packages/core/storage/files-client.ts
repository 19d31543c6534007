import { S3Client } from '@aws-sdk/client-s3';
import { boundedClient, dependencyClientConfig } from '../dependencies/client-config.ts';

let client: S3Client | undefined;

/**
 * The S3 client of the tenant's file bucket, with the timeouts and bounds of
 * every dependency client (a slow S3 is a 503, never a hung request). With a
 * custom endpoint (`AWS_ENDPOINT_URL_S3`, the local S3 server) requests are
 * path-style, which local servers need; `FILES_LOCAL_CREDENTIALS` carries the
 * fixed key pair such a server accepts (never set when deployed: the role's
 * credentials sign there).
 */
export function filesClient(): S3Client {
  if (!client) {
    const local = process.env.FILES_LOCAL_CREDENTIALS?.split(':');
    client = boundedClient(
      new S3Client({
        ...dependencyClientConfig(),
        forcePathStyle: Boolean(process.env.AWS_ENDPOINT_URL_S3),
        ...(local?.length === 2 && { credentials: { accessKeyId: local[0]!, secretAccessKey: local[1]! } }),
      }),
    );
  }
  return client;
}

/** The tenant's file bucket; CDK sets it only on functions whose routes or declarations say `files`. */
export function filesBucket(): string {
  const bucket = process.env.FILES_BUCKET;
  if (!bucket) throw new Error('FILES_BUCKET is not set: declare `files` on the route, consumer or job that stores files');
  return bucket;
}

/** Tests and the local runner point the client at another server. */
export function resetFilesClient(): void {
  client?.destroy();
  client = undefined;
}
