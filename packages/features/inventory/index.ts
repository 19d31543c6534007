/** What other features may use of this one (besides its contract); everything else is internal. */
export { createPoolItems, readPools, resizePool, shardUpdates } from './pool-store.ts';
export { allocate, blindAllocation, eventPool, shardCount, sumOf, ticketTypePool, voucherPool } from './pools.ts';
export type { Allocation } from './pools.ts';
