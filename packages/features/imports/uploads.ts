import { invalid } from '#packages/core/errors.ts';
import { newId } from '#packages/core/ids.ts';
import { presignUpload, readFileText, statFile } from '#packages/core/storage/index.ts';
import { MAX_UPLOAD_BYTES } from './contract.ts';

const keyOf = (uploadId: string) => `imports/${uploadId.toLowerCase()}/file.csv`;

/** A short-lived PUT link for a CSV larger than a request body may be; the import then names the upload. */
export async function newUpload() {
  const uploadId = newId();
  const link = await presignUpload(keyOf(uploadId), 'text/csv', { expiresInSeconds: 15 * 60 });
  return { uploadId, url: link.url, method: 'PUT' as const, headers: link.headers, expiresAt: link.expiresAt };
}

/** The uploaded file's text, or a 400 when there is none (not uploaded yet, expired) or it is over 50 MB. */
export async function uploadedCsv(uploadId: string): Promise<string> {
  const stat = await statFile(keyOf(uploadId));
  if (!stat) throw invalid('upload_not_found', `Nothing was uploaded for ${uploadId} (or it expired); PUT the file to the link first`);
  if (stat.bytes > MAX_UPLOAD_BYTES) throw invalid('upload_too_large', `The upload is ${stat.bytes} bytes; at most ${MAX_UPLOAD_BYTES}`);
  return readFileText(keyOf(uploadId));
}
