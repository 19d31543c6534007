import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { onDomainEvent } from '#packages/features/workflows/on-domain-event.ts';

/** Every domain event to the workflows: runs start once per event (their id is the event's), steps once per run. */
export const handler = consumerHandler(consumers.workflowsTrigger, async (event) => {
  await onDomainEvent(event);
});
