import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { firstChunk, runCancellationChunk, type Chunk } from '#packages/core/cancellations/run-chunk.ts';

/**
 * Cancels an event's orders chunk by chunk: `event.canceled` starts the chain,
 * each `event.cancellation_chunk` (its own continuation, or the due job's
 * push) runs one step. Idempotent by the cancellation's step, not the event
 * id: a duplicate or stale chunk finds the step moved on and does nothing.
 */
export const handler = consumerHandler('event-cancellation', ['event.canceled', 'event.cancellation_chunk'], async ({ detailType, data, metadata }) => {
  const chunk = detailType === 'event.canceled' ? firstChunk(data.eventId) : (data as Chunk);
  await runCancellationChunk(chunk, { correlationId: metadata.correlationId });
});
