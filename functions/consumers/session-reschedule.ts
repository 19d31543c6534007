import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { rescheduleRegistrations } from '#packages/features/sessions/index.ts';

/** A scheduled session moved or was canceled: its registrations are re-checked for overlaps. */
export const handler = consumerHandler(consumers.sessionReschedule, async ({ data, metadata }) => {
  await rescheduleRegistrations(metadata, data);
});
