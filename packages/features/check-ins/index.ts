/** What other features may use of this one (besides its contract); everything else is internal. */
export { forgetEventSnapshot } from './check-in-lists.ts';
