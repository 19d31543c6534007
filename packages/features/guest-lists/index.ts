/** What other features may use of this one (besides its contract); everything else is internal. */
export { admitGuest } from './guest-admission.ts';
export { isGuestCode } from './guest-code.ts';
