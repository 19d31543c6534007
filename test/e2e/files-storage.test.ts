import { describe, expect, it } from 'vitest';
import { MAX_LINK_SECONDS, presignDownload, presignUpload, putFile, readFileText, statFile } from '#packages/core/storage/index.ts';
import { useTestApi } from '../support/local-api.ts';

// The tenant's file bucket as features use it, against the real local S3 server the stack starts.
const api = useTestApi();

describe('file storage (the kit over the local S3 server)', () => {
  it('stores a file, reads it back and says its size and type', async () => {
    expect(api.filesEndpoint).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const stored = await putFile('materials/e1/slides.txt', 'Día 1: apertura', 'text/plain; charset=utf-8');
    expect(stored.bytes).toBe(Buffer.byteLength('Día 1: apertura'));
    expect(await readFileText('materials/e1/slides.txt')).toBe('Día 1: apertura');
    expect(await statFile('materials/e1/slides.txt')).toEqual({ bytes: stored.bytes, contentType: 'text/plain; charset=utf-8' });
    expect(await statFile('materials/e1/missing.txt')).toBeNull();
  });

  it('issues a download link that serves the file with the name to save it under, and caps its lifetime', async () => {
    await putFile('exports/r1/bundle.json', '{"ok":true}', 'application/json');
    const link = await presignDownload('exports/r1/bundle.json', { downloadName: 'my data.json', expiresInSeconds: 7 * 24 * 3600 });
    const url = new URL(link.url);
    expect(url.origin).toBe(api.filesEndpoint);
    expect(url.searchParams.get('X-Amz-Expires')).toBe(String(MAX_LINK_SECONDS));
    expect(Date.parse(link.expiresAt) - Date.now()).toBeLessThanOrEqual(MAX_LINK_SECONDS * 1000);
    const res = await fetch(link.url);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-disposition')).toBe('attachment; filename="my_data.json"');
    expect(await res.text()).toBe('{"ok":true}');
  });

  it('takes an upload through a presigned PUT link', async () => {
    const link = await presignUpload('imports/i1/people.csv', 'text/csv');
    const put = await fetch(link.url, { method: 'PUT', headers: link.headers, body: 'email\nana@example.com\n' });
    expect(put.status).toBe(200);
    expect(await readFileText('imports/i1/people.csv')).toBe('email\nana@example.com\n');
  });

  it('refuses keys that are not built from a feature prefix and ids', async () => {
    for (const key of ['../etc/passwd', 'materials/../../x', '/abs/key', 'Materials/x', 'materials', 'materials/a b']) {
      await expect(putFile(key, 'x', 'text/plain'), key).rejects.toThrow(/unsafe file key/);
    }
  });
});
