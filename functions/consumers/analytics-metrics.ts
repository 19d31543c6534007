import { consumers } from '#events/routing.ts';
import { consumerHandler } from '#packages/core/bus/consumer-handler.ts';
import { countDomainEvent } from '#packages/features/analytics/consume.ts';

/** Orders, refunds, admissions, visits and new contacts into the metric store; each point once per event id. */
export const handler = consumerHandler(consumers.analyticsMetrics, async (event) => {
  await countDomainEvent(consumers.analyticsMetrics.idempotencyScope, event);
});
