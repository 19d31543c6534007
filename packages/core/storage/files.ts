import { GetObjectCommand, HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { getSignedUrl } from '@aws-sdk/s3-request-presigner';
import { filesBucket, filesClient } from './files-client.ts';

/** Presigned links live minutes, not days: a leaked link stops working soon. */
export const MAX_LINK_SECONDS = 15 * 60;
export const DEFAULT_LINK_SECONDS = 5 * 60;

export interface StoredFile {
  key: string;
  bytes: number;
  contentType: string;
}

/**
 * Keys are built by the features from ids they own (`materials/{eventId}/{id}`,
 * `exports/{requestId}/bundle.json`), never from a client's file name, so a
 * key cannot climb into another feature's prefix.
 */
export function assertSafeKey(key: string): void {
  if (!/^[a-z0-9-]+(\/[A-Za-z0-9._-]+)+$/.test(key) || key.includes('..')) throw new Error(`unsafe file key "${key}"`);
}

export async function putFile(key: string, body: string | Uint8Array, contentType: string): Promise<StoredFile> {
  assertSafeKey(key);
  await filesClient().send(new PutObjectCommand({ Bucket: filesBucket(), Key: key, Body: body, ContentType: contentType }));
  return { key, bytes: typeof body === 'string' ? Buffer.byteLength(body) : body.byteLength, contentType };
}

export async function readFileText(key: string): Promise<string> {
  assertSafeKey(key);
  const out = await filesClient().send(new GetObjectCommand({ Bucket: filesBucket(), Key: key }));
  return out.Body ? await out.Body.transformToString('utf8') : '';
}

/** Size and type of a stored file, or null when there is none (an upload not made yet). */
export async function statFile(key: string): Promise<{ bytes: number; contentType: string } | null> {
  assertSafeKey(key);
  try {
    const out = await filesClient().send(new HeadObjectCommand({ Bucket: filesBucket(), Key: key }));
    return { bytes: out.ContentLength ?? 0, contentType: out.ContentType ?? 'application/octet-stream' };
  } catch (error) {
    if ((error as { name?: string }).name === 'NotFound' || (error as { $metadata?: { httpStatusCode?: number } }).$metadata?.httpStatusCode === 404) return null;
    throw error;
  }
}

function linkSeconds(requested?: number): number {
  return Math.max(1, Math.min(requested ?? DEFAULT_LINK_SECONDS, MAX_LINK_SECONDS));
}

/**
 * A short-lived GET link. Callers decide who is entitled BEFORE calling this:
 * the link itself is a bearer credential. `downloadName` sets the file name the
 * browser saves under.
 */
export async function presignDownload(key: string, options: { expiresInSeconds?: number; downloadName?: string } = {}): Promise<{ url: string; expiresAt: string }> {
  assertSafeKey(key);
  const expiresIn = linkSeconds(options.expiresInSeconds);
  const command = new GetObjectCommand({
    Bucket: filesBucket(),
    Key: key,
    ...(options.downloadName && { ResponseContentDisposition: `attachment; filename="${options.downloadName.replace(/[^A-Za-z0-9._-]/g, '_')}"` }),
  });
  const url = await getSignedUrl(filesClient(), command, { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString() };
}

/** A short-lived PUT link for one upload of the given type (the signature binds the content type). */
export async function presignUpload(key: string, contentType: string, options: { expiresInSeconds?: number } = {}): Promise<{ url: string; expiresAt: string; headers: Record<string, string> }> {
  assertSafeKey(key);
  const expiresIn = linkSeconds(options.expiresInSeconds);
  const url = await getSignedUrl(filesClient(), new PutObjectCommand({ Bucket: filesBucket(), Key: key, ContentType: contentType }), { expiresIn });
  return { url, expiresAt: new Date(Date.now() + expiresIn * 1000).toISOString(), headers: { 'content-type': contentType } };
}
