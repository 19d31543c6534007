import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { firstChunk, runChunk } from '#packages/core/campaigns/run-chunk.ts';

/**
 * Sends campaigns chunk by chunk: `campaign.send_requested` starts the chain,
 * each `campaign.send_chunk` (its own continuation, or the due job's push)
 * runs one step. Idempotent by the campaign's step, not the event id: a
 * duplicate or stale chunk finds the step moved on and does nothing.
 */
export const handler = consumerHandler('campaign-send', ['campaign.send_requested', 'campaign.send_chunk'], async ({ detailType, data, metadata }) => {
  const chunk = detailType === 'campaign.send_requested' ? firstChunk(data.campaignId) : (data as Parameters<typeof runChunk>[0]);
  await runChunk(chunk, { correlationId: metadata.correlationId });
});
