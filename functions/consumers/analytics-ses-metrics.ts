import { consumers } from '#events/routing.ts';
import { sesConsumerHandler } from '#packages/core/bus/ses-consumer-handler.ts';
import { countSesEvent } from '#packages/features/analytics/consume.ts';

/** Campaign mail delivered, opened and clicked into the metric store; once per message, kind and SES time. */
export const handler = sesConsumerHandler(consumers.analyticsSesMetrics, ({ record }) =>
  countSesEvent(consumers.analyticsSesMetrics.idempotencyScope, record),
);
