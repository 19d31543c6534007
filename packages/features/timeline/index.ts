/** What other features may use of this one (besides its contract); everything else is internal. */
export { admissionLine, purchaseLine } from './sales-lines.ts';
export { purgeContactTimeline } from './purge-contact-timeline.ts';
export { tableBookedLine, tableSettledLine } from './table-lines.ts';
