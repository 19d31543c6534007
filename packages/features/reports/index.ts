/** What other features may use of this one (the HTML report pages, packages/features/report-pages); everything else is internal. */
export { eventFacts, type EventFacts } from './event-facts.ts';
export { eventRow } from './event-rows.ts';
export { topCustomerRows } from './customer-rows.ts';
export { revenueRows } from './revenue-rows.ts';
export { bucketOf } from './periods.ts';
export { velocityOf } from './reports.ts';
export { factsOf, organiserEvents, startingIn } from './tenant-events.ts';
