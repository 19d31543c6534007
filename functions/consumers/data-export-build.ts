import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { buildDataExport } from '#packages/features/exports/index.ts';

/** Builds a data-subject access request's bundle (at-least-once: a request no longer pending is left alone). */
export const handler = consumerHandler(consumers.dataExportBuild, async (event) => {
  await buildDataExport(event.data.exportId);
});
