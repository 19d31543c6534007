import { createHash } from 'node:crypto';
import { ulid } from 'ulid';
import { describe, expect, it } from 'vitest';
import { encodeCrockford } from '#packages/tickets/crockford-base32.ts';
import { signTicketCode, TICKET_CODE_LENGTH, ticketCodeDigest, verifyTicketCode } from '#packages/tickets/ticket-code.ts';

const key = 'test-ticket-signing-key-0123456789abcdef';
const otherKey = 'another-tenant-signing-key-0123456789abc';
const claims = { ticketId: ulid(), eventId: ulid() };

/** Replaces one character of a field with a different valid base32 character. */
function tamper(code: string, field: number): string {
  const parts = code.split('.');
  const value = parts[field]!;
  const last = value.at(-1)!;
  parts[field] = value.slice(0, -2) + (value.at(-2) === 'A' ? 'B' : 'A') + last;
  return parts.join('.');
}

describe('signed ticket codes', () => {
  it('round-trips ticket and event ids', () => {
    const code = signTicketCode(claims, key);
    expect(code).toMatch(/^EO1\.[0-9A-Z]{26}\.[0-9A-Z]{26}\.[0-9A-Z]{13}\.[0-9A-Z]{26}$/);
    expect(code).toHaveLength(TICKET_CODE_LENGTH);
    expect(verifyTicketCode(code, key)).toEqual(claims);
  });

  it('accepts the key as bytes, equal to the same string', () => {
    const code = signTicketCode(claims, key);
    expect(verifyTicketCode(code, new TextEncoder().encode(key))).toEqual(claims);
  });

  it('verifies the worked example in docs/ticket-codes.md', () => {
    const example = 'EO1.01JZ3F8Q6VQ2K7N4M9T5W1X0YB.01JZ3F7A2C4D6E8G0H2J4K6M8N.NY5Z3W3TCQ46R.SFR89FD2GD0FFCS1CCRDNMCG6C';
    expect(verifyTicketCode(example, 'docs-example-key-do-not-use-0123456789')).toEqual({
      ticketId: '01JZ3F8Q6VQ2K7N4M9T5W1X0YB',
      eventId: '01JZ3F7A2C4D6E8G0H2J4K6M8N',
    });
    expect(ticketCodeDigest(example)).toBe('a4efe261d35fa543ac30b2d48ab6090d4bf6a3239cf39475ee308940b5815c61');
  });

  it.each([
    ['ticket id', 1],
    ['event id', 2],
    ['nonce', 3],
    ['signature', 4],
  ])('rejects a code whose %s was changed', (_, field) => {
    const code = signTicketCode(claims, key);
    const forged = tamper(code, field);
    expect(forged).not.toBe(code);
    expect(verifyTicketCode(forged, key)).toBeNull();
  });

  it('rejects a valid signature moved onto another ticket', () => {
    const code = signTicketCode(claims, key);
    const parts = code.split('.');
    parts[1] = ulid();
    expect(verifyTicketCode(parts.join('.'), key)).toBeNull();
  });

  it("rejects another tenant's code", () => {
    expect(verifyTicketCode(signTicketCode(claims, otherKey), key)).toBeNull();
  });

  it('rejects other versions and non-canonical spellings of a valid code', () => {
    const code = signTicketCode(claims, key);
    expect(verifyTicketCode(code.replace(/^EO1/, 'EO2'), key)).toBeNull();
    expect(verifyTicketCode(code.toLowerCase(), key)).toBeNull();
    expect(verifyTicketCode(`${code}\n`, key)).toBeNull();
    expect(verifyTicketCode(` ${code}`, key)).toBeNull();
  });

  it('returns null for garbage, empty and huge input without throwing', () => {
    const garbage: unknown[] = [
      '',
      'EO1.',
      '....',
      'not a ticket',
      'EO1.' + '.'.repeat(TICKET_CODE_LENGTH - 4),
      'é'.repeat(TICKET_CODE_LENGTH),
      '\u0000'.repeat(TICKET_CODE_LENGTH),
      'A'.repeat(TICKET_CODE_LENGTH),
      'EO1.' + 'Z'.repeat(26) + '.' + '0'.repeat(26) + '.' + '0'.repeat(13) + '.' + '0'.repeat(26),
      'x'.repeat(10_000_000),
      null,
      undefined,
      42,
      {},
      ['EO1'],
    ];
    for (const input of garbage) expect(verifyTicketCode(input, key)).toBeNull();
  });

  it('issues a different code each time for the same ticket, and both verify', () => {
    const first = signTicketCode(claims, key);
    const second = signTicketCode(claims, key);
    expect(first).not.toBe(second);
    expect(verifyTicketCode(first, key)).toEqual(claims);
    expect(verifyTicketCode(second, key)).toEqual(claims);
  });

  it('refuses ids that are not ULIDs and keys shorter than 32 bytes', () => {
    expect(() => signTicketCode({ ...claims, ticketId: 'ticket-1' }, key)).toThrow(TypeError);
    expect(() => signTicketCode({ ...claims, eventId: claims.eventId.toLowerCase() }, key)).toThrow(TypeError);
    expect(() => signTicketCode(claims, 'short')).toThrow(/32 bytes/);
  });
});

describe('ticket code digest', () => {
  it('is the stable SHA-256 hex of the code', () => {
    const code = signTicketCode(claims, key);
    expect(ticketCodeDigest(code)).toBe(ticketCodeDigest(code));
    expect(ticketCodeDigest(code)).toMatch(/^[0-9a-f]{64}$/);
    expect(ticketCodeDigest(code)).toBe(createHash('sha256').update(code).digest('hex'));
    expect(ticketCodeDigest(signTicketCode(claims, key))).not.toBe(ticketCodeDigest(code));
  });
});

describe('Crockford base32', () => {
  it('encodes like the reference alphabet, zero-padding the last character', () => {
    expect(encodeCrockford(new Uint8Array([]))).toBe('');
    expect(encodeCrockford(new Uint8Array([0xff]))).toBe('ZW');
    expect(encodeCrockford(new Uint8Array([0, 0, 0, 0, 0]))).toBe('00000000');
    expect(encodeCrockford(new Uint8Array(16).fill(0xff))).toBe('Z'.repeat(25) + 'W');
  });
});
