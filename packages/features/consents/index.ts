/** What other features may use of this one (besides its contract). */
export { consentItems, MARKETING_EMAIL, marketingFlagItem, type ConsentChange } from './consent-writes.ts';
export { BUILT_IN_PURPOSES, getPurpose, sha256Hex } from './purposes.ts';
export { preferencesLink } from './preferences.ts';
