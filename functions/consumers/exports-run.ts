import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { runExport } from '#packages/features/exports/index.ts';

/** Runs a CSV export job (at-least-once: a done job is left alone; a running one only once its lease has lapsed). */
export const handler = consumerHandler(consumers.exportsRun, async (event) => {
  await runExport(event.data.exportId);
});
