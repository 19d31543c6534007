import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { runImportChunk } from '#packages/features/imports/run-chunk.ts';

/**
 * Runs imports and their undos chunk by chunk. Idempotent by the import's
 * step, not the event id: a duplicate or stale chunk finds the step moved on
 * and does nothing; a chunk that crashed half-way runs again and finds each
 * row's own change.
 */
export const handler = consumerHandler(consumers.importsRun, async (event) => {
  await runImportChunk(event.data, event.metadata.correlationId);
});
