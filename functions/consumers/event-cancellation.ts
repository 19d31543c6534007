import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { firstChunk, runCancellationChunk } from '#packages/features/events/cancellation/run-chunk.ts';

/**
 * Cancels an event's orders chunk by chunk: `event.canceled` starts the chain,
 * each `event.cancellation_chunk` (its own continuation, or the due job's
 * push) runs one step. Idempotent by the cancellation's step, not the event
 * id: a duplicate or stale chunk finds the step moved on and does nothing.
 */
export const handler = consumerHandler(consumers.eventCancellation, async (event) => {
  const chunk = event.detailType === 'event.canceled' ? firstChunk(event.data.eventId) : event.data;
  await runCancellationChunk(chunk, { correlationId: event.metadata.correlationId });
});
