/** What other features may use of this one (besides its contract); everything else is internal. */
export { sendOnce } from './ses-sender.ts';
export { verifyUnsubscribeToken } from './tokens.ts';
export { unsubscribe, unsubscribeClaims } from './unsubscribe.ts';
