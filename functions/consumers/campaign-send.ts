import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { firstChunk, runChunk } from '#packages/features/campaigns/run-chunk.ts';

/**
 * Sends campaigns chunk by chunk: `campaign.send_requested` starts the chain,
 * each `campaign.send_chunk` (its own continuation, or the due job's push)
 * runs one step. Idempotent by the campaign's step, not the event id: a
 * duplicate or stale chunk finds the step moved on and does nothing.
 */
export const handler = consumerHandler(consumers.campaignSend, async (event) => {
  const chunk = event.detailType === 'campaign.send_requested' ? firstChunk(event.data.campaignId) : event.data;
  await runChunk(chunk, { correlationId: event.metadata.correlationId });
});
