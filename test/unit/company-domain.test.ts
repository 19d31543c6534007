import { describe, expect, it } from 'vitest';
import { normalizeDomain } from '#packages/core/domain-name.ts';

describe('normalizeDomain', () => {
  it.each([
    ['acme.com', 'acme.com'],
    ['  ACME.com ', 'acme.com'],
    ['https://www.Acme.com/', 'acme.com'],
    ['http://acme.com:8080/about?x=1#top', 'acme.com'],
    ['www.acme.com.', 'acme.com'],
    ['ana@Acme.com', 'acme.com'],
    ['https://user:pw@shop.acme.co.uk/path', 'shop.acme.co.uk'],
    ['WWW.sub.acme.io', 'sub.acme.io'],
  ])('%s → %s', (input, expected) => {
    expect(normalizeDomain(input)).toBe(expected);
  });

  it.each(['acme', 'not a domain', 'https://', '-acme.com', 'acme..com', '127.0.0.1', 'ana@'])('refuses %s', (input) => {
    expect(() => normalizeDomain(input)).toThrow(/not a domain name/);
  });
});
