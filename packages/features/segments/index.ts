/** What other features may use of this one (besides its contract); everything else is internal. */
export { listSegmentMemberIds } from './segment-members.ts';
export { loadSegment } from './segment-service.ts';
