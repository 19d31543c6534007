import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';

/**
 * The format and key version. A new key (rotation) or layout gets a new
 * prefix; the opener then picks the key by prefix, so cursors in flight keep
 * working for as long as the old key is kept.
 */
export const SEALED_CURSOR_PREFIX = 'c1.';

const IV_BYTES = 12;
const TAG_BYTES = 16;

/**
 * AES-256-GCM over the service's own cursor, with `binding` (route, filter,
 * caller) as associated data: the client sees random bytes, and any change
 * to them, or use under another binding or key, fails the tag.
 */
export function sealCursor(inner: string, binding: string, key: Uint8Array): string {
  const iv = randomBytes(IV_BYTES);
  const cipher = createCipheriv('aes-256-gcm', key, iv, { authTagLength: TAG_BYTES });
  cipher.setAAD(Buffer.from(binding, 'utf8'));
  const body = Buffer.concat([iv, cipher.update(inner, 'utf8'), cipher.final(), cipher.getAuthTag()]);
  return SEALED_CURSOR_PREFIX + body.toString('base64url');
}

/** The inner cursor, or null for anything `sealCursor` did not make with this binding and key. */
export function openCursor(sealed: string, binding: string, key: Uint8Array): string | null {
  if (!sealed.startsWith(SEALED_CURSOR_PREFIX)) return null;
  const text = sealed.slice(SEALED_CURSOR_PREFIX.length);
  const body = Buffer.from(text, 'base64url');
  // Node's decoder skips stray characters and ignores a last char's spare bits; only the canonical spelling counts.
  if (body.length <= IV_BYTES + TAG_BYTES || body.toString('base64url') !== text) return null;
  try {
    const decipher = createDecipheriv('aes-256-gcm', key, body.subarray(0, IV_BYTES), { authTagLength: TAG_BYTES });
    decipher.setAAD(Buffer.from(binding, 'utf8'));
    decipher.setAuthTag(body.subarray(body.length - TAG_BYTES));
    return Buffer.concat([decipher.update(body.subarray(IV_BYTES, body.length - TAG_BYTES)), decipher.final()]).toString('utf8');
  } catch {
    return null;
  }
}
