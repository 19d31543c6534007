import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { purgeSegmentMembers } from '#packages/features/segments/purge-members.ts';

/** A deleted segment's member items go, a chunk per invocation. */
export const handler = consumerHandler(consumers.segmentsPurge, async ({ data, metadata }) => {
  await purgeSegmentMembers(data.segmentId, metadata.correlationId);
});
