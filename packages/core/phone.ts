import type { CountryCode } from 'libphonenumber-js/core';
// By its `#` name: Lambda bundles replace it (infra/bundling.ts), and esbuild's alias matches bare names only.
import phoneLibrary from '#packages/core/lazy/phone-library.cjs';

/**
 * The country assumed for a number written without `+` and a country code
 * (`DEFAULT_PHONE_COUNTRY`, e.g. `ES`); none by default, so such a number is refused.
 */
function defaultCountry(): CountryCode | undefined {
  const value = process.env.DEFAULT_PHONE_COUNTRY?.trim().toUpperCase();
  return value && /^[A-Z]{2}$/.test(value) ? (value as CountryCode) : undefined;
}

/**
 * A phone number in E.164 (`+34612345678`), or undefined when it cannot be
 * one: not a phone number at all, no country known for it, or a length no
 * number of that country has (`isPossible`). We do not demand `isValid`
 * (which checks number ranges against metadata that ages), so a real new
 * range is never refused; a number that cannot be written in E.164 always is.
 */
export function toE164(input: string): string | undefined {
  // libphonenumber-js's own call with its metadata handed over, both loaded on this first use (lazy/phone-library.cjs).
  const { parsePhoneNumberFromString, metadata } = phoneLibrary();
  const country = defaultCountry();
  const parsed = country ? parsePhoneNumberFromString(input.trim(), country, metadata) : parsePhoneNumberFromString(input.trim(), metadata);
  return parsed?.isPossible() ? parsed.number : undefined;
}

export const PHONE_RULE =
  'must be a phone number in international format (+34 612 345 678), or a national one when DEFAULT_PHONE_COUNTRY is set';
