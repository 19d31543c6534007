import { newId } from '#packages/core/ids.ts';
import { presignDownload, putFile } from '#packages/core/storage/index.ts';

export type Delivered = { kind: 'inline'; csv: string; name: string } | { kind: 'link'; url: string; expiresAt: string; rows: number; bytes: number };

/** A CSV handed over as it is, or stored under `exports/` and handed over as a short-lived presigned link (the bucket expires exports). */
export async function deliver(name: string, csv: string, rows: number, delivery: 'inline' | 'link'): Promise<Delivered> {
  if (delivery === 'inline') return { kind: 'inline', csv, name };
  const key = `exports/${newId().toLowerCase()}/${name}`;
  const stored = await putFile(key, csv, 'text/csv; charset=utf-8');
  const link = await presignDownload(key, { downloadName: name });
  return { kind: 'link', url: link.url, expiresAt: link.expiresAt, rows, bytes: stored.bytes };
}
