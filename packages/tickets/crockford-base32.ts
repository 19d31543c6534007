/**
 * Crockford base32, upper case, no padding. Chosen over base64url because every
 * character (with '.') is in the QR alphanumeric set, which packs 5.5 bits per
 * character instead of 8: a denser, smaller QR code. It is also the ULID alphabet.
 */
export const CROCKFORD_ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

export function encodeCrockford(bytes: Uint8Array): string {
  let out = '';
  let buffer = 0;
  let bits = 0;
  for (const byte of bytes) {
    buffer = (buffer << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      out += CROCKFORD_ALPHABET[(buffer >>> bits) & 31];
    }
    buffer &= (1 << bits) - 1;
  }
  // Trailing bits are left-aligned and zero-padded, so the encoding is canonical.
  if (bits > 0) out += CROCKFORD_ALPHABET[(buffer << (5 - bits)) & 31];
  return out;
}
