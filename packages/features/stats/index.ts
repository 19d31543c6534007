/** What other features may use of this one (besides its contract); everything else is internal. */
export { getEventStats } from './get-stats.ts';
