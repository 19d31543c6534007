import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { buildSegmentChunk } from '#packages/features/segments/build-segment.ts';

/** One chunk of a segment build; the chunk itself requests the next (resume point kept on the segment). */
export const handler = consumerHandler(consumers.segmentsBuild, async ({ data, metadata }) => {
  await buildSegmentChunk(data.segmentId, data.version, metadata.correlationId);
});
