import { mkdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';

/**
 * JSON data that Lambda bundles carry gzipped and inflate on first use.
 *
 * libphonenumber-js's numbering plans (`metadata.min.json`, 83 KB) sat in the
 * bundle of every function that validates a phone: the CRM, imports, the
 * programme, the system function's OpenAPI document. Gzipped they are 19 KB
 * (25 KB as the base64 esbuild's `binary` loader writes), and inflating them
 * takes well under a millisecond on the first phone number. The .gz is made
 * here from the installed package, so an upgrade of libphonenumber-js can
 * never ship stale plans; it is git-ignored.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const generatedDir = path.join(here, 'stubs', '.generated');
const require = createRequire(import.meta.url);

export const PHONE_METADATA_GZ = path.join(generatedDir, 'phone-metadata.min.json.gz');

/** Writes the gzipped copy of the installed package's metadata when it is missing or differs. */
export function writePackedPhoneMetadata(): string {
  const source = readFileSync(require.resolve('libphonenumber-js/metadata.min.json'));
  // mtime 0 in the gzip header (Node's default): the same input gives the same bytes, so bundles stay reproducible.
  const packed = gzipSync(source, { level: 9 });
  if (!existsSync(PHONE_METADATA_GZ) || !readFileSync(PHONE_METADATA_GZ).equals(packed)) {
    mkdirSync(generatedDir, { recursive: true });
    writeFileSync(PHONE_METADATA_GZ, packed);
  }
  return PHONE_METADATA_GZ;
}
